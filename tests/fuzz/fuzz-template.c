/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target for the template importers: FUZZ_CSV selects the CSV
 * reader, otherwise JSON.  Whatever the input, the reader must not crash,
 * leak or hang, and a template it accepts must survive export and re-import
 * unchanged.
 */
#include "config.h"

#include <stdint.h>

#include "xj-template-io.h"

#ifdef FUZZ_CSV
#define READ xj_template_from_csv
#define WRITE xj_template_to_csv
#define NAME "fuzz.csv"
#else
#define READ xj_template_from_json
#define WRITE xj_template_to_json
#define NAME "fuzz.json"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjTemplate) tmpl = READ ((const char *) data, size, NAME, &error);
  g_autoptr(XjTemplate) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (tmpl == NULL)
    {
      g_assert (error != NULL && error->domain == XJ_TEMPLATE_ERROR);
      return 0;
    }
  g_assert (error == NULL);
  first = WRITE (tmpl);
  again = READ (first, strlen (first), NAME, &error);
  if (again == NULL)
    g_error ("an accepted template was refused after export: %s\n%s", error->message, first);
  second = WRITE (again);
  g_assert_cmpstr (first, ==, second);
  return 0;
}
