/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demo notices: a few weeks of a liaison's work at the demo estates, with
 * a notice in every state, some overdue, one rejected and re-issued, and a
 * safety hazard escalated to the project manager.  Each story is played
 * through the core API at the time it happened: the clock is moved back
 * for it and put back afterwards, so that the history, the audit log and
 * the deadlines read as they would have.
 */
#define G_LOG_DOMAIN "xj-demo"

#include "config.h"

#include "xj-clock.h"
#include "xj-demo-private.h"
#include "xj-demo.h"
#include "xj-finding.h"
#include "xj-notice-lifecycle.h"
#include "xj-notice-store.h"
#include "xj-site.h"


typedef struct {
  guint          site;            /* index into the demo sites */
  double         days_ago;        /* when the inspection took place */
  const char    *template_uid;    /* NULL: a standalone notice */
  const char    *kind;
  const char    *fail_keys[3];
  const char    *remarks[3];
  const char    *required_action;
  const char    *area;            /* standalone notices */
  const char    *description;
  double         deadline_days;   /* from the inspection */
  XjNoticeState  state;           /* where the story ends */
  gboolean       rejected_once;
} Story;

static const Story stories[] = {
  /* An old litter notice, closed: makes the next one a repeat finding. */
  { 0, 20, "xunjian:builtin:weekly-check", "weekly", { "w-litter" },
    { "3 号楼北侧绿化带内有塑料袋和烟头" },
    "请于期限内清理 3 号楼北侧绿化带垃圾并拍照回复", NULL, NULL, 1,
    XJ_NOTICE_STATE_CLOSED, FALSE },
  { 0, 2.2, "xunjian:builtin:weekly-check", "weekly", { "w-litter", "w-bins" },
    { "3 号楼北侧绿化带再次发现垃圾堆积", "东门垃圾桶外壁污渍明显，桶旁堆放纸箱" },
    "请于期限内清理 3 号楼北侧绿化带垃圾、清洗东门垃圾桶，并拍照回复", NULL, NULL, 1,
    XJ_NOTICE_STATE_ISSUED, FALSE },
  { 0, 0.8, "xunjian:builtin:weekly-check", "weekly", { "w-fire-panel" },
    { "消防报警控制器显示 2 个故障点（B2 车库 17、18 号烟感）" },
    "请立即排查 B2 车库烟感故障并恢复正常，24 小时内书面回复整改结果", NULL, NULL, 1.5,
    XJ_NOTICE_STATE_ACKNOWLEDGED, FALSE },
  { 0, 5, "xunjian:builtin:weekly-check", "weekly", { "w-guard" },
    { "东门岗亭 14:00–14:30 无人值守，访客自行进出" },
    "请落实东门岗亭值守制度，补充排班表并于期限内书面说明", NULL, NULL, 2,
    XJ_NOTICE_STATE_ISSUED, FALSE },
  { 1, 10, "xunjian:builtin:weekly-check", "weekly", { "w-lighting" },
    { "2 号楼地下车库 B 区 4 盏灯不亮" },
    "请更换 2 号楼地下车库 B 区损坏灯具，完成后拍照回复", NULL, NULL, 3,
    XJ_NOTICE_STATE_CLOSED, FALSE },
  { 1, 6, "xunjian:builtin:weekly-check", "weekly", { "w-trim", "w-lawn" },
    { "中心花园绿篱长势杂乱，枝条遮挡路灯", "1 号楼南侧草坪被踩出小路" },
    "请修剪中心花园绿篱并在 1 号楼南侧草坪设置护栏和提示牌", NULL, NULL, 7,
    XJ_NOTICE_STATE_RECTIFIED, FALSE },
  { 2, 9, "xunjian:builtin:weekly-check", "weekly", { "w-access" },
    { "5 号楼 2 单元门禁刷卡无反应" },
    "请维修 5 号楼 2 单元门禁系统，恢复刷卡与对讲功能", NULL, NULL, 3,
    XJ_NOTICE_STATE_ISSUED, TRUE },
  { 2, 3, "xunjian:builtin:weekly-check", "weekly", { "w-parking" },
    { "消防通道有 2 辆私家车长时间占用" },
    "请立即清理消防通道占用车辆，并在通道两端设置禁停标识", NULL, NULL, 1,
    XJ_NOTICE_STATE_VERIFIED, FALSE },
  { 3, 1, "xunjian:builtin:daily-patrol", "daily", { "d-facilities" },
    { "健身区单杠立柱松动，有安全隐患" },
    "请暂停使用健身区单杠并于期限内加固立柱", NULL, NULL, 3,
    XJ_NOTICE_STATE_DRAFT, FALSE },
  { 3, 1.5, NULL, NULL, { NULL }, { NULL },
    "请修缮队伍更换地下车库入口破损的截水沟盖板", "地下车库入口",
    "截水沟盖板断裂两块，车辆通过时有响声", 4, XJ_NOTICE_STATE_ISSUED, FALSE },
};

static XjNotice *
new_notice (XjStore      *store,
            const Story  *story,
            gint64        site_id,
            GError      **error)
{
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(XjNotice) notice = NULL;

  if (story->template_uid == NULL)
    {
      notice = xj_notice_new (XJ_NOTICE_TYPE_WORK_ORDER, site_id);
      xj_notice_set_responsible_party (notice, XJ_RESPONSIBLE_PARTY_REPAIR_CREW);
      xj_notice_set_area (notice, story->area);
      xj_notice_set_description (notice, story->description);
      xj_notice_set_addressed_company (notice, "工程部修缮队");
      xj_notice_set_addressed_person (notice, "刘师傅");
    }
  else
    {
      XjDemoInspection spec = {
        .site_id = site_id, .template_uid = story->template_uid, .kind = story->kind,
        .fail_keys = story->fail_keys, .remarks = story->remarks, .complete = TRUE,
        .inspector = "王芳", .rep_name = "张伟", .rep_company = "绿城物业",
        .failed_answers = answers,
      };

      if (xj_demo_add_inspection (store, &spec, error) == 0)
        return NULL;
      notice = xj_store_new_notice_from_findings (store, (const gint64 *) answers->data,
                                                  answers->len, XJ_REPEAT_WINDOW_DAYS_DEFAULT,
                                                  error);
      if (notice == NULL)
        return NULL;
      xj_notice_set_addressed_company (notice, COMPANY);
      xj_notice_set_addressed_person (notice, RECIPIENT);
    }
  xj_notice_set_required_action (notice, story->required_action);
  xj_notice_set_deadline (notice, xj_clock_now () + (gint64) (story->deadline_days * DAY));
  if (!xj_store_create_notice (store, notice, XJ_REPEAT_WINDOW_DAYS_DEFAULT, LIAISON, error))
    return NULL;
  return g_steal_pointer (&notice);
}

/**
 * _xj_demo_notice_step:
 * @after: (nullable): the rectification's after-photos
 * @new_deadline: a rejection's
 *
 * One step of a demo notice, taken by the demo's liaison and recipient in
 * the demo's words.
 */
gboolean
_xj_demo_notice_step (XjStore             *store,
                      gint64               id,
                      XjNoticeAction       action,
                      const char * const  *after,
                      gint64               new_deadline,
                      GError             **error)
{
  XjNoticeStepOptions options = { .by = LIAISON };

  switch (action)
    {
    case XJ_NOTICE_ACTION_ACKNOWLEDGE:
      options.by = RECIPIENT;
      options.company = COMPANY;
      options.recorded_by = LIAISON;
      break;
    case XJ_NOTICE_ACTION_RECTIFY:
      options.by = RECIPIENT;
      options.remark = "已按要求整改完毕，详见整改后照片";
      options.after_photos = after;
      break;
    case XJ_NOTICE_ACTION_REJECT:
      options.remark = "复查时门禁仍间歇性失灵，未彻底修复";
      options.new_deadline = new_deadline;
      break;
    case XJ_NOTICE_ACTION_ACCEPT:
      options.remark = "现场复查合格";
      break;
    default:
      break;
    }
  return xj_store_take_notice_step (store, id, action, &options, error);
}

static gboolean
run_action (XjStore         *store,
            gint64           id,
            XjNoticeAction   action,
            gint64           at,
            GError         **error)
{
  g_autofree char *photo = NULL;
  const char *after[] = { NULL, NULL };

  xj_clock_set_fixed (at);
  /* Each round its own photo of the place put right. */
  if (action == XJ_NOTICE_ACTION_RECTIFY
      && (after[0] = photo = xj_demo_add_photo (store, (guint) (id * 100 + at % 97), TRUE,
                                                error)) == NULL)
    return FALSE;
  return _xj_demo_notice_step (store, id, action, after, at + 3 * DAY, error);
}

/* Plays the rest of the story, three hours between steps. */
static gboolean
walk (XjStore      *store,
      const Story  *story,
      gint64        id,
      gint64        at,
      GError      **error)
{
  static const XjNoticeAction forward[] = {
    XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE, XJ_NOTICE_ACTION_RECTIFY,
    XJ_NOTICE_ACTION_ACCEPT, XJ_NOTICE_ACTION_CLOSE,
  };
  static const XjNoticeAction rejected_round[] = {
    XJ_NOTICE_ACTION_ISSUE, XJ_NOTICE_ACTION_ACKNOWLEDGE, XJ_NOTICE_ACTION_RECTIFY,
    XJ_NOTICE_ACTION_REJECT,
  };
  XjNoticeState state = XJ_NOTICE_STATE_DRAFT;
  guint next = 0;

  if (story->rejected_once)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rejected_round); i++)
        if (!run_action (store, id, rejected_round[i], at += 3 * HOUR, error))
          return FALSE;
      state = XJ_NOTICE_STATE_ISSUED;
      next = 1;
    }
  while (state != story->state && next < G_N_ELEMENTS (forward))
    {
      if (!run_action (store, id, forward[next], at += 3 * HOUR, error))
        return FALSE;
      xj_notice_action_allowed (state, forward[next++], &state);
    }
  return TRUE;
}

/**
 * xj_notice_add_demo:
 * @sites: (element-type XjSite): the demo sites, estates first
 *
 * Plays the demo stories; needs the built-in checklists installed.
 */
gboolean
xj_notice_add_demo (XjStore    *store,
                    GPtrArray  *sites,
                    GError    **error)
{
  gint64 fixed = 0;
  gboolean was_fixed = xj_clock_get_fixed (&fixed);
  gint64 now = xj_clock_now ();
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < G_N_ELEMENTS (stories); i++)
    {
      const Story *story = &stories[i];
      gint64 at = now - (gint64) (story->days_ago * DAY);
      g_autoptr(XjNotice) notice = NULL;

      if (story->site >= sites->len)
        continue;
      xj_clock_set_fixed (at);
      notice = new_notice (store, story,
                           xj_site_get_id (g_ptr_array_index (sites, story->site)), error);
      ok = notice != NULL && walk (store, story, xj_notice_get_id (notice), at, error);
    }

  if (was_fixed)
    xj_clock_set_fixed (fixed);
  else
    xj_clock_unset_fixed ();
  /* Today's escalation run, as the application would do at start. */
  return ok && xj_notices_escalate_due (store, now, NULL, error);
}
