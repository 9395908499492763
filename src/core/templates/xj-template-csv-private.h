/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "xj-template-import-private.h"

G_BEGIN_DECLS

/* The CSV columns, shared by the reader and the writer. */
typedef enum {
  COL_TEMPLATE, COL_SECTION, COL_KEY, COL_PROMPT, COL_GUIDANCE, COL_DO, COL_DONT, COL_TYPE,
  COL_OPTIONS, COL_UNIT, COL_MIN, COL_MAX, COL_THRESHOLD, COL_PASS_ANSWER, COL_WEIGHT,
  COL_FAILURE_WEIGHT, COL_FLAGS, COL_NOTICE_TYPE, COL_PARTY, COL_DEADLINE, COL_CATEGORY,
  N_COLUMNS
} Column;

/* The first spelling is the one written; the others are accepted. */
static const char *const column_names[N_COLUMNS] G_GNUC_UNUSED = {
  [COL_TEMPLATE] = "template|checklist|检查表|模板",
  [COL_SECTION] = "section|分区|区域",
  [COL_KEY] = "key|id|编号",
  [COL_PROMPT] = "prompt|item|检查项|检查内容",
  [COL_GUIDANCE] = "guidance|说明|指引",
  [COL_DO] = "do|应做|正确做法",
  [COL_DONT] = "dont|don't|禁忌|不应做",
  [COL_TYPE] = "type|类型|回答类型",
  [COL_OPTIONS] = "options|选项",
  [COL_UNIT] = "unit|单位",
  [COL_MIN] = "min|最小值",
  [COL_MAX] = "max|最大值",
  [COL_THRESHOLD] = "threshold|阈值|合格线",
  [COL_PASS_ANSWER] = "pass_answer|合格答案",
  [COL_WEIGHT] = "weight|权重|分值",
  [COL_FAILURE_WEIGHT] = "failure_weight|失败权重|扣分权重",
  [COL_FLAGS] = "flags|标记",
  [COL_NOTICE_TYPE] = "notice_type|通知单类型|通知单",
  [COL_PARTY] = "responsible_party|责任方",
  [COL_DEADLINE] = "deadline_days|整改期限|期限",
  [COL_CATEGORY] = "category|类别|分类",
};

static const struct {
  const char *spellings;
  gsize       offset;
} flags[] G_GNUC_UNUSED = {
  { "critical|关键", G_STRUCT_OFFSET (XjTemplateItem, critical) },
  { "required|必答", G_STRUCT_OFFSET (XjTemplateItem, required) },
  { "photo_on_fail|失败拍照", G_STRUCT_OFFSET (XjTemplateItem, photo_on_fail) },
  { "remark_on_fail|失败备注", G_STRUCT_OFFSET (XjTemplateItem, remark_on_fail) },
};

static inline char *
first_spelling (const char *spellings)
{
  return g_strndup (spellings, strcspn (spellings, "|"));
}

G_END_DECLS
