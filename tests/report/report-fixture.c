/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generated report data for the tests and the benchmark: Chinese text,
 * JPEG photos written with libturbojpeg, handwritten-looking strokes.
 */
#include "config.h"

#include <math.h>
#include <turbojpeg.h>

#include "report-fixture.h"

const char *report_fixture_site = "阳光花园小区（二期）";

const char *report_fixture_prompts[] = {
  "大堂地面清洁，无垃圾、无污渍、无积水",
  "电梯轿厢内壁及按钮清洁无手印",
  "消防通道畅通，无杂物堆放",
  "灭火器压力正常，在有效期内",
  "绿化带修剪整齐，无枯枝黄叶",
  "垃圾桶定时清运，桶身清洁无异味",
  "门岗人员着装规范，佩戴工牌",
  "访客登记记录完整",
  "监控室值班人员在岗，记录齐全",
  "地下车库照明正常，标识清晰",
  "公共卫生间干净，无异味，纸巾充足",
  "楼道扶手、窗台无积尘",
  "水景池水质清澈，无漂浮物",
  "消防控制室双人值班，设备运行正常",
  "小区主干道路面完好，无坑洼",
  "宣传栏信息及时更新，张贴规范",
  "Emergency exit signs lit and unobstructed",
  "保安巡逻按时打卡，巡查记录完整",
  "儿童游乐设施完好，无安全隐患",
  "外墙及公共区域无乱张贴",
};

const char *report_fixture_remarks[] = {
  "3号楼东侧消防通道堆放纸箱及废旧自行车，已当场要求清理。",
  "电梯按钮面板有明显手印，保洁未按频次擦拭。",
  "灭火器压力指针处于红区，需立即更换。",
  "绿化带内有枯枝未清理，部分草坪发黄。",
  "垃圾桶满溢，周边有异味，清运不及时（上午10点仍未清运）。",
  "门岗保安未佩戴工牌，着装不规范。",
  "地下车库B2层两处照明损坏，标识牌脱落。",
  "卫生间纸巾已用完，地面有积水，存在滑倒隐患。",
};

static const char *sections[] = {
  "清洁卫生", "消防安全", "绿化养护", "秩序维护", "设施设备",
  "客户服务", "车库管理", "公共区域", "水景泳池", "宣传标识",
  "装修管理", "安防监控", "能耗管理", "档案资料", "应急管理",
};

void
report_fixture_make_jpeg (const char *path,
                          int         width,
                          int         height,
                          int         detail,
                          guint       seed)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 3);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  unsigned char *jpeg = NULL;
  unsigned long size = 0;
  tjhandle handle = tjInitCompress ();

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 3;
        int noise = detail > 0 ? g_rand_int_range (rand, -detail, detail + 1) : 0;

        p[0] = CLAMP ((x * 255 / width + (int) seed * 40) % 256 + noise, 0, 255);
        p[1] = CLAMP (y * 255 / height + noise, 0, 255);
        p[2] = CLAMP (128 + 100 * sin ((x + y) / 40.0) + noise, 0, 255);
      }
  g_assert_cmpint (tjCompress2 (handle, pixels, width, 0, height, TJPF_RGB, &jpeg, &size,
                                TJSAMP_420, 85, 0), ==, 0);
  g_file_set_contents (path, (const char *) jpeg, size, &error);
  g_assert_no_error (error);
  tjFree (jpeg);
  tjDestroy (handle);
}

static XjReportSignature *
make_signature (XjReportRole role,
                const char  *name,
                const char  *company)
{
  XjReportSignature *signature = xj_report_signature_new (role, name, company,
                                                          "2026-03-14 11:42");

  for (int s = 0; s < 3; s++)
    {
      GArray *stroke = xj_report_signature_add_stroke (signature);

      for (int i = 0; i < 40; i++)
        {
          XjReportPoint point = { 40 + s * 120 + i * 3.0,
                                  80 + 40 * sin (i / 5.0 + s) * (s == 1 ? -1 : 1) };
          g_array_append_val (stroke, point);
        }
    }
  return signature;
}

static XjReportPhoto *
make_photo (GPtrArray *photo_paths,
            guint      index,
            int        width,
            int        height)
{
  g_autofree char *time = g_strdup_printf ("2026-03-14 10:%02u", index % 60);

  return xj_report_photo_new (g_ptr_array_index (photo_paths, index), width, height, time,
                              index % 3 == 0 ? "东侧通道，靠近3号楼单元门" : NULL);
}

XjReportData *
report_fixture_inspection (guint      n_items,
                           guint      n_failures,
                           GPtrArray *photo_paths,
                           int        width,
                           int        height)
{
  XjReportData *data = xj_report_data_new (XJ_REPORT_KIND_MONTHLY);
  g_autoptr(GPtrArray) failed = g_ptr_array_new ();
  g_autoptr(GPtrArray) passed = g_ptr_array_new ();
  guint step = MAX (1, n_items / MAX (n_failures, 1)), photos_to_failures;

  data->organisation = g_strdup ("华信物业服务质量监督中心");
  data->number = g_strdup ("XJ-2026-0042");
  data->site = g_strdup (report_fixture_site);
  data->date = g_strdup ("2026-03-14 09:30 – 11:40");
  data->inspector = g_strdup ("张伟");
  data->representative = g_strdup ("李娜");
  data->representative_company = g_strdup ("阳光物业服务有限公司");
  data->template_name = g_strdup ("住宅物业月度检查表");
  data->template_version = 3;
  data->grade = g_strdup ("良好");
  data->failure_index = 12.5;
  data->generated = g_strdup ("2026-03-14 12:05");

  for (guint i = 0; i < n_items; i++)
    {
      XjReportSection *section;
      XjReportAnswer *answer;
      gboolean fail = n_failures > 0 && i % step == 0 && failed->len < n_failures;
      g_autofree char *prompt = g_strdup_printf ("%s", report_fixture_prompts[i % G_N_ELEMENTS (report_fixture_prompts)]);

      if (i % 10 == 0)
        {
          section = xj_report_section_new (sections[(i / 10) % G_N_ELEMENTS (sections)], 0);
          g_ptr_array_add (data->sections, section);
        }
      section = g_ptr_array_index (data->sections, data->sections->len - 1);
      answer = xj_report_answer_new (prompt, fail ? "不合格" : "合格",
                                     fail ? XJ_REPORT_OUTCOME_FAIL : XJ_REPORT_OUTCOME_PASS,
                                     fail ? report_fixture_remarks[failed->len % G_N_ELEMENTS (report_fixture_remarks)]
                                          : NULL);
      if (!fail && i % 17 == 5)
        {
          answer->outcome = XJ_REPORT_OUTCOME_NA;
          g_clear_pointer (&answer->answer, g_free);
          answer->answer = g_strdup ("不适用");
        }
      if (fail)
        {
          answer->repeat = failed->len % 3 == 1;
          answer->critical = failed->len % 5 == 2;
          g_ptr_array_add (failed, answer);
        }
      else if (answer->outcome == XJ_REPORT_OUTCOME_PASS)
        g_ptr_array_add (passed, answer);
      g_ptr_array_add (section->answers, answer);
    }

  for (guint s = 0; s < data->sections->len; s++)
    {
      XjReportSection *section = g_ptr_array_index (data->sections, s);
      guint scored = 0, ok = 0;

      for (guint a = 0; a < section->answers->len; a++)
        {
          XjReportAnswer *answer = g_ptr_array_index (section->answers, a);
          scored += answer->outcome == XJ_REPORT_OUTCOME_PASS || answer->outcome == XJ_REPORT_OUTCOME_FAIL;
          ok += answer->outcome == XJ_REPORT_OUTCOME_PASS;
        }
      section->score = scored > 0 ? 100.0 * ok / scored : -1;
    }
  data->score = 100.0 * (n_items - failed->len) / MAX (n_items, 1);
  data->critical_failures = (failed->len + 2) / 5;

  photos_to_failures = failed->len > 0 ? photo_paths->len - photo_paths->len / 5 : 0;
  for (guint k = 0; k < photo_paths->len; k++)
    {
      XjReportAnswer *answer = k < photos_to_failures
                               ? g_ptr_array_index (failed, k % failed->len)
                               : g_ptr_array_index (passed, (k - photos_to_failures) % passed->len);

      g_ptr_array_add (answer->photos, make_photo (photo_paths, k, width, height));
    }

  g_ptr_array_add (data->notices, xj_report_notice_new ("ZG-2026-0007", "2026-03-17 18:00"));
  g_ptr_array_add (data->notices, xj_report_notice_new ("PG-2026-0012", "2026-03-15 12:00"));
  g_ptr_array_add (data->signatures, make_signature (XJ_REPORT_ROLE_INSPECTOR, "张伟", NULL));
  g_ptr_array_add (data->signatures, make_signature (XJ_REPORT_ROLE_REPRESENTATIVE, "李娜",
                                                     "阳光物业服务有限公司"));
  return data;
}

XjNoticeReportData *
report_fixture_notice (XjNoticeReportType  type,
                       GPtrArray          *photo_paths,
                       int                 width,
                       int                 height)
{
  XjNoticeReportData *data = xj_notice_report_data_new (type);

  data->organisation = g_strdup ("华信物业服务质量监督中心");
  data->number = g_strdup (type == XJ_NOTICE_REPORT_WORK_ORDER ? "PG-2026-0012" : "ZG-2026-0007");
  data->site = g_strdup (report_fixture_site);
  data->addressed_company = g_strdup ("阳光物业服务有限公司");
  data->addressed_person = g_strdup ("王经理");
  data->issued = g_strdup ("2026-03-14 12:00");
  data->deadline = g_strdup ("2026-03-17 18:00");
  data->required_action = g_strdup ("立即清理3号楼东侧消防通道内堆放的纸箱及废旧自行车，"
                                    "更换压力不足的灭火器，并于期限前提交整改后照片。");
  data->generated = g_strdup ("2026-03-14 12:05");
  for (guint i = 0; i < 3; i++)
    {
      XjReportAnswer *finding = xj_report_answer_new (report_fixture_prompts[2 + i], "不合格",
                                                      XJ_REPORT_OUTCOME_FAIL,
                                                      report_fixture_remarks[i]);

      finding->repeat = i == 0;
      for (guint k = i; k < photo_paths->len; k += 3)
        g_ptr_array_add (finding->photos, make_photo (photo_paths, k, width, height));
      g_ptr_array_add (data->findings, finding);
    }
  data->issuer = make_signature (XJ_REPORT_ROLE_ISSUER, "赵敏", "华信物业服务质量监督中心");
  return data;
}
