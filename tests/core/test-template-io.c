/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "xj-builtins.h"
#include "xj-template-io.h"
#include "xj-template-store.h"
#include "xj-test-utils.h"

typedef struct
{
  char    *dir;
  XjStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = xj_test_make_data_dir ();
  f->store = xj_store_open (f->dir, XJ_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (xj_templates_install_builtins (f->store, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  xj_test_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
count_templates (XjStore *store)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (store, TRUE, NULL);

  return list->len;
}

static char *
read_text (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Export → import → export of every built-in gives the same file. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) list = xj_store_list_templates (f->store, FALSE, NULL);
  const char *formats[] = { "json", "csv" };

  g_assert_cmpuint (list->len, ==, 6);
  for (guint i = 0; i < list->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (formats); k++)
      {
        XjTemplateSummary *summary = g_ptr_array_index (list, i);
        g_autofree char *first = g_strdup_printf ("%s/%lld-a.%s", f->dir, (long long) summary->id, formats[k]);
        g_autofree char *second = g_strdup_printf ("%s/%lld-b.%s", f->dir, (long long) summary->id, formats[k]);
        g_autofree char *first_text = NULL;
        g_autofree char *second_text = NULL;
        g_autoptr(GError) error = NULL;
        gint64 id;

        g_assert_true (xj_store_export_template (f->store, summary->id, first, &error));
        g_assert_no_error (error);
        id = xj_store_import_template (f->store, first, "王芳", &error);
        g_assert_no_error (error);
        g_assert_cmpint (id, >, 6);
        g_assert_true (xj_store_export_template (f->store, id, second, &error));
        first_text = read_text (first);
        second_text = read_text (second);
        g_assert_cmpstr (first_text, ==, second_text);
        g_assert_cmpuint (strlen (first_text), >, 1000);
      }
}

/* A spreadsheet's CSV: BOM, Chinese headers, Chinese values, no keys. */
static void
test_csv_chinese (Fixture       *f,
                  gconstpointer  data)
{
  const char *csv =
    "\xEF\xBB\xBF" "检查表,分区,检查项,说明,类型,选项,单位,最小值,最大值,阈值,权重,失败权重,标记,通知单类型,责任方,整改期限,类别\r\n"
    "大堂巡查,保洁,地面干净,无水渍,合格/不合格,,,,,,2,1,关键;失败拍照,整改通知单,物业,3,保洁\r\n"
    "大堂巡查,保洁,\"整体观感, 含气味\",,单选,良好=1;一般=0.5;差=0!,,,,,1,2,,,,,\r\n"
    "大堂巡查,服务,室温,,数值,,°C,18,26,,1,1,,,,,服务\r\n"
    "大堂巡查,服务,接待等候,,计时,,秒,,,30,1,1,,,,,\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTemplate) tmpl = xj_template_from_csv (csv, strlen (csv), "大堂.csv", &error);
  XjTemplateSection *section;
  XjTemplateItem *item;
  XjTemplateOption *option;

  g_assert_no_error (error);
  g_assert_cmpstr (tmpl->name, ==, "大堂巡查");
  g_assert_cmpuint (tmpl->sections->len, ==, 2);
  section = g_ptr_array_index (tmpl->sections, 0);
  g_assert_cmpstr (section->title, ==, "保洁");
  item = g_ptr_array_index (section->items, 0);
  g_assert_cmpstr (item->key, ==, "item-1");
  g_assert_true (item->critical && item->photo_on_fail && !item->remark_on_fail);
  g_assert_cmpstr (item->notice_type, ==, "rectification");
  g_assert_cmpstr (item->responsible_party, ==, "property");
  g_assert_cmpint (item->deadline_days, ==, 3);
  g_assert_cmpstr (item->category, ==, "cleaning");
  g_assert_cmpfloat (item->score_weight, ==, 2);
  item = g_ptr_array_index (section->items, 1);
  g_assert_cmpstr (item->prompt, ==, "整体观感, 含气味");
  g_assert_cmpint (item->type, ==, XJ_RESPONSE_CHOICE);
  g_assert_cmpuint (item->options->len, ==, 3);
  option = g_ptr_array_index (item->options, 1);
  g_assert_cmpstr (option->label, ==, "一般");
  g_assert_cmpfloat (option->score, ==, 0.5);
  option = g_ptr_array_index (item->options, 2);
  g_assert_true (option->fails);
  g_assert_cmpstr (item->category, ==, "other");
  item = g_ptr_array_index (((XjTemplateSection *) g_ptr_array_index (tmpl->sections, 1))->items, 0);
  g_assert_cmpfloat (item->range_min, ==, 18);
  g_assert_cmpfloat (item->range_max, ==, 26);
  g_assert_true (isnan (item->threshold));
  g_assert_cmpstr (item->unit, ==, "°C");
}

typedef struct {
  const char *name;
  const char *content;       /* NULL: made by the test */
  const char *expected[3];
} BadFile;

#define ITEM "{\"key\": \"a\", \"prompt\": \"地面干净\", \"type\": \"pass_fail\"}"
#define WRAP(items) "{\"format_version\": 1, \"name\": \"周检\", \"sections\": [{\"title\": \"保洁\", \"items\": [" items "]}]}"
#define CSV_HEAD "section,key,prompt,type,options,min,max,weight,flags\n"

static const BadFile bad_files[] = {
  { "empty.json", "", { "empty.json", "The file is empty" } },
  { "blank.csv", "\xEF\xBB\xBF\r\n\r\n", { "blank.csv", "The file is empty" } },
  { "binary.json", NULL, { "binary.json", "not a text file" } },
  { "latin1.csv", CSV_HEAD "保洁,a,Caf\xE9,pass_fail,,,,,\n", { "latin1.csv", "Line 2 is not UTF-8" } },
  { "huge.json", NULL, { "huge.json", "too large", "5 MB" } },
  { "deep.json", NULL, { "deep.json", "nested more than 20 levels" } },
  { "syntax.json", "{\"format_version\": 1, \"name\": }", { "syntax.json", "not valid JSON" } },
  /* Found by the fuzzer: JSON that parses to no value at all. */
  { "comment-only.json", "/* a checklist */", { "comment-only.json", "one JSON object" } },
  { "array.json", "[1, 2, 3]", { "array.json", "one JSON object" } },
  { "no-version.json", "{\"name\": \"周检\", \"sections\": [{\"title\": \"保洁\", \"items\": [" ITEM "]}]}",
    { "no-version.json:$.format_version", "missing" } },
  { "version-9.json", "{\"format_version\": 9, \"name\": \"周检\", \"sections\": [{\"title\": \"保洁\", \"items\": [" ITEM "]}]}",
    { "version-9.json:$.format_version", "Format version 9 is not supported" } },
  { "unknown-type.json", WRAP (ITEM ", {\"key\": \"b\", \"prompt\": \"x\", \"type\": \"checkbox\"}"),
    { "unknown-type.json:$.sections[0].items[1].type", "“checkbox” is not a known value", "pass_fail" } },
  { "duplicate-key.json", WRAP (ITEM ", " ITEM), { "$.sections[0].items[1].key", "“a” is used twice" } },
  { "min-max.json", WRAP ("{\"key\": \"t\", \"prompt\": \"室温\", \"type\": \"number\", \"min\": 30, \"max\": 20}"),
    { "$.sections[0].items[0].min", "minimum (30) is larger than the maximum (20)", "Swap" } },
  { "no-options.json", WRAP ("{\"key\": \"c\", \"prompt\": \"观感\", \"type\": \"choice\"}"),
    { "$.sections[0].items[0].options", "at least two options" } },
  { "negative.json", WRAP ("{\"key\": \"a\", \"prompt\": \"x\", \"type\": \"pass_fail\", \"weight\": -2}"),
    { "$.sections[0].items[0].weight", "negative" } },
  { "no-prompt.json", WRAP ("{\"key\": \"a\", \"type\": \"pass_fail\"}"), { "$.sections[0].items[0].prompt", "missing" } },
  { "typo.json", WRAP ("{\"key\": \"a\", \"prompt\": \"x\", \"type\": \"pass_fail\", \"weigth\": 2}"),
    { "$.sections[0].items[0].weigth", "Unknown field “weigth”" } },
  { "string-number.json", WRAP ("{\"key\": \"a\", \"prompt\": \"x\", \"type\": \"rating\", \"threshold\": \"3\"}"),
    { "$.sections[0].items[0].threshold", "must be a number" } },
  { "empty-section.json", "{\"format_version\": 1, \"name\": \"周检\", \"sections\": [{\"title\": \"保洁\", \"items\": []}]}",
    { "$.sections[0].items", "no items" } },
  { "no-type-column.csv", "section,prompt\n保洁,地面干净\n", { "no-type-column.csv:1:", "“type” (类型) is missing" } },
  { "unknown-type.csv", CSV_HEAD "保洁,a,地面,pass_fail,,,,,\n保洁,b,墙面,tickbox,,,,,\n",
    { "unknown-type.csv:3: type:", "“tickbox” is not a known value" } },
  { "min-max.csv", CSV_HEAD "保洁,a,室温,number,,30,20,,\n", { "min-max.csv:2: min:", "larger than the maximum" } },
  { "quote.csv", CSV_HEAD "保洁,a,\"地面干净,pass_fail,,,,,\n", { "quote.csv:2:", "never closed" } },
  { "option-score.csv", CSV_HEAD "保洁,a,观感,choice,好=abc;差=0!,,,,\n", { "option-score.csv:2: options:", "“abc”", "not a number" } },
  { "duplicate-key.csv", CSV_HEAD "保洁,a,地面,pass_fail,,,,,\n绿化,a,草坪,pass_fail,,,,,\n",
    { "duplicate-key.csv:3: key:", "used twice" } },
  { "negative.csv", CSV_HEAD "保洁,a,地面,pass_fail,,,,-1,\n", { "negative.csv:2: weight:", "negative" } },
  { "flag.csv", CSV_HEAD "保洁,a,地面,pass_fail,,,,,critical;urgent\n", { "flag.csv:2: flags:", "Unknown flag “urgent”" } },
  { "header-only.csv", CSV_HEAD, { "header-only.csv", "no items" } },
  { "no-choice-options.csv", CSV_HEAD "保洁,a,观感,choice,,,,,\n", { "no-choice-options.csv:2: options:", "at least two options" } },
  { "checklist.txt", "section,prompt,type\n", { "checklist.txt", "neither a .json nor a .csv" } },
};

static char *
make_content (const char *name,
              gsize      *length)
{
  if (strcmp (name, "binary.json") == 0)
    {
      *length = 64;
      return g_memdup2 ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xff"
                        "a\0\0\0\0IEND\xae" "B`\x82\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 64);
    }
  if (strcmp (name, "huge.json") == 0)
    {
      GString *text = g_string_new ("{\"format_version\": 1, \"name\": \"");

      while (text->len < 6 * 1024 * 1024)
        g_string_append (text, "周检周检周检周检周检周检周检周检周检周检");
      g_string_append (text, "\"}");
      *length = text->len;
      return g_string_free (text, FALSE);
    }
  if (strcmp (name, "deep.json") == 0)
    {
      GString *text = g_string_new (NULL);

      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, '[');
      for (guint i = 0; i < 100000; i++)
        g_string_append_c (text, ']');
      *length = text->len;
      return g_string_free (text, FALSE);
    }
  g_assert_not_reached ();
}

static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  guint before = count_templates (f->store);

  for (guint b = 0; b < G_N_ELEMENTS (bad_files); b++)
    {
      const BadFile *bad = &bad_files[b];
      g_autofree char *path = g_build_filename (f->dir, bad->name, NULL);
      g_autofree char *content = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (bad->content != NULL)
        {
          content = g_strdup (bad->content);
          length = strlen (content);
        }
      else
        content = make_content (bad->name, &length);
      g_assert_true (g_file_set_contents (path, content, length, NULL));

      g_test_message ("%s", bad->name);
      g_assert_cmpint (xj_store_import_template (f->store, path, "王芳", &error), ==, 0);
      g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE);
      for (guint e = 0; e < G_N_ELEMENTS (bad->expected) && bad->expected[e] != NULL; e++)
        if (strstr (error->message, bad->expected[e]) == NULL)
          g_error ("%s: “%s” not in: %s", bad->name, bad->expected[e], error->message);
      g_assert_cmpuint (count_templates (f->store), ==, before);
    }
  g_assert_cmpuint (G_N_ELEMENTS (bad_files), >=, 15);
}

/* Several problems in one file are all reported, each in its place. */
static void
test_all_problems (void)
{
  const char *csv = CSV_HEAD "保洁,a,,pass_fail,,,,,\n保洁,b,室温,number,,5,1,,\n保洁,c,x,nope,,,,,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTemplate) tmpl = xj_template_from_csv (csv, strlen (csv), "/tmp/many.csv", &error);

  g_assert_null (tmpl);
  g_assert_nonnull (strstr (error->message, "“many.csv” was not imported: 3 problems."));
  g_assert_nonnull (strstr (error->message, "\nmany.csv:2: prompt:"));
  g_assert_nonnull (strstr (error->message, "\nmany.csv:3: min:"));
  g_assert_nonnull (strstr (error->message, "\nmany.csv:4: type:"));
}

/* The CSV fuzzer's minimised input: a guidance of one space, in a last line
 * that ends in a separator and no line end.  What is read, exported and read
 * again must export the same, as the fuzzer asserts. */
static void
test_one_space_guidance (void)
{
  g_autofree char *path = g_build_filename (FUZZ_SEEDS_DIR, "seeds-csv", "one-space-guidance.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(XjTemplate) again = NULL;
  g_autoptr(GError) error = NULL;
  XjTemplateSection *section;
  XjTemplateItem *item;
  gsize length;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  g_assert_cmpstr (text, ==, ",section,prompt,guidance,,,type\n,r,h, ,,,yes_no,");
  tmpl = xj_template_from_csv (text, length, "one-space-guidance.csv", &error);
  g_assert_no_error (error);
  section = g_ptr_array_index (tmpl->sections, 0);
  item = g_ptr_array_index (section->items, 0);
  g_assert_cmpstr (item->prompt, ==, "h");
  g_assert_true (item->guidance == NULL || *item->guidance == '\0');
  first = xj_template_to_csv (tmpl);
  again = xj_template_from_csv (first, strlen (first), "one-space-guidance.csv", &error);
  g_assert_no_error (error);
  second = xj_template_to_csv (again);
  g_assert_cmpstr (first, ==, second);
}

/* The fuzzers start from the bad files this suite imports (tests/fuzz/
 * seeds-bad): each one small enough to be a seed is there, byte for byte.
 * XJ_WRITE_FUZZ_SEEDS=1 writes them instead, after a file was added. */
static void
test_fuzz_seeds (void)
{
  gboolean write = g_strcmp0 (g_getenv ("XJ_WRITE_FUZZ_SEEDS"), "1") == 0;
  guint seeds = 0;

  for (guint b = 0; b < G_N_ELEMENTS (bad_files); b++)
    {
      const BadFile *bad = &bad_files[b];
      g_autofree char *path = g_build_filename (FUZZ_SEEDS_DIR, "seeds-bad", bad->name, NULL);
      g_autofree char *content = NULL;
      g_autofree char *seed = NULL;
      gsize length;
      gsize seed_length = 0;

      if (bad->content != NULL)
        {
          content = g_strdup (bad->content);
          length = strlen (content);
        }
      else
        content = make_content (bad->name, &length);
      if (length > 65536)
        continue;
      if (write)
        g_assert_true (g_file_set_contents (path, content, length, NULL));
      if (!g_file_get_contents (path, &seed, &seed_length, NULL))
        g_error ("%s is missing: run this test with XJ_WRITE_FUZZ_SEEDS=1", path);
      g_assert_cmpmem (seed, seed_length, content, length);
      seeds++;
    }
  g_assert_cmpuint (seeds, >=, 25);
}

/* Excel on Chinese Windows: it saves "CSV (逗号分隔)" in GB18030, and opens
 * a CSV without a byte-order mark as GBK. */
static void
test_csv_encodings (void)
{
  static const char utf8[] =
    "template,section,key,prompt,type\n"
    "周检,公共区域保洁、绿化,litter,公共区域无明显垃圾杂物,合格/不合格\n"
    "周检,消防中控室,panel,消防报警控制器无报警、无故障点,pass_fail\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTemplate) tmpl = NULL;
  g_autoptr(XjTemplate) from_file = NULL;
  g_autofree char *gb = NULL;
  g_autofree char *with_bom = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *dir = xj_test_make_data_dir ();
  g_autofree char *path = g_build_filename (dir, "excel.csv", NULL);
  XjTemplateSection *section;
  gsize gb_length = 0;

  gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, &gb_length, &error);
  g_assert_no_error (error);
  g_assert_false (g_utf8_validate_len (gb, gb_length, NULL));

  tmpl = xj_template_from_csv (gb, gb_length, "excel.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tmpl->name, ==, "周检");
  g_assert_cmpuint (tmpl->sections->len, ==, 2);
  section = g_ptr_array_index (tmpl->sections, 0);
  g_assert_cmpstr (section->title, ==, "公共区域保洁、绿化");
  g_assert_cmpstr (((XjTemplateItem *) g_ptr_array_index (section->items, 0))->prompt, ==,
                   "公共区域无明显垃圾杂物");
  section = g_ptr_array_index (tmpl->sections, 1);
  g_assert_cmpstr (((XjTemplateItem *) g_ptr_array_index (section->items, 0))->prompt, ==,
                   "消防报警控制器无报警、无故障点");

  /* The same bytes from a file, as the import reads them. */
  g_assert_true (g_file_set_contents (path, gb, gb_length, NULL));
  from_file = xj_template_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_file->name, ==, "周检");

  /* A file that says it is UTF-8 (a byte-order mark) is taken at its word. */
  with_bom = g_strconcat ("\xEF\xBB\xBF", gb, NULL);
  g_assert_null (xj_template_from_csv (with_bom, gb_length + 3, "bom.csv", &error));
  g_assert_error (error, XJ_TEMPLATE_ERROR, XJ_TEMPLATE_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "Line 2 is not UTF-8"));
  g_clear_error (&error);

  /* What we write starts with the mark, and reads back the same. */
  csv = xj_template_to_csv (tmpl);
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFtemplate,"));
  g_clear_pointer (&from_file, xj_template_free);
  from_file = xj_template_from_csv (csv, strlen (csv), "again.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_file->name, ==, "周检");
  xj_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  xj_test_init (&argc, &argv);

  g_test_add ("/xj/template/io/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/xj/template/io/csv-chinese", Fixture, NULL, fixture_set_up, test_csv_chinese, fixture_tear_down);
  g_test_add ("/xj/template/io/bad-files", Fixture, NULL, fixture_set_up, test_bad_files, fixture_tear_down);
  g_test_add_func ("/xj/template/io/all-problems", test_all_problems);
  g_test_add_func ("/xj/template/io/one-space-guidance", test_one_space_guidance);
  g_test_add_func ("/xj/template/io/fuzz-seeds", test_fuzz_seeds);
  g_test_add_func ("/xj/template/io/csv-encodings", test_csv_encodings);

  return g_test_run ();
}
