/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The runner's answers: each answer, remark and stopwatch start a row
 * reports is written at once (one durable transaction each), then the
 * score, the sections' progress and where the keyboard goes follow.
 */
#define G_LOG_DOMAIN "xj-runner"

#include "config.h"

#include <glib/gi18n.h>

#include "xj-runner-private.h"

/* --- score ---------------------------------------------------------------- */

static char *
format_score (const XjScore *score)
{
  g_autofree char *failures = g_strdup_printf (ngettext ("%u failure", "%u failures",
                                                         score->n_fail), score->n_fail);
  g_autofree char *percent = NULL;

  if (!score->has_score)
    return g_strdup_printf ("%s · %s", _("No score yet"), failures);
  /* Translators: a score in percent, e.g. "86.5 %" */
  percent = g_strdup_printf (_("%.1f %%"), score->score);
  return g_strdup_printf ("%s · %s · %s", percent, xj_grade_get_label (score->grade), failures);
}

static guint
count_section_photos (XjRunner *self,
                      guint     section_index)
{
  XjTemplateSection *section = g_ptr_array_index (self->tmpl->sections, section_index);
  guint n = 0;

  for (guint i = 0; i < section->items->len; i++)
    {
      XjTemplateItem *item = g_ptr_array_index (section->items, i);
      XjAnswer *answer = g_hash_table_lookup (self->answers, &item->id);

      n += answer != NULL ? answer->n_photos : 0;
    }
  return n;
}

void
_xj_runner_update_score (XjRunner *self)
{
  g_autoptr(XjScore) score = xj_inspection_score (self->tmpl, self->answers);
  g_autofree char *text = format_score (score);

  gtk_label_set_text (self->score_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->critical_badge), score->critical_failed);

  for (guint s = 0; s < score->sections->len; s++)
    {
      XjSectionScore *section = g_ptr_array_index (score->sections, s);
      guint total = section->n_pass + section->n_fail + section->n_na + section->n_unscored
                    + section->n_unanswered;
      g_autofree char *progress = NULL;

      /* Translators: section progress, "3 / 5 answered" */
      guint n_photos = count_section_photos (self, s);
      g_autoptr(GString) line = NULL;

      progress = g_strdup_printf (_("%u / %u answered"), total - section->n_unanswered, total);
      line = g_string_new (progress);
      if (section->n_fail > 0)
        {
          g_string_append (line, " · ");
          g_string_append_printf (line, ngettext ("%u failure", "%u failures", section->n_fail),
                                  section->n_fail);
        }
      if (n_photos > 0)
        {
          g_string_append (line, " · ");
          g_string_append_printf (line, ngettext ("%u photo", "%u photos", n_photos), n_photos);
        }
      gtk_label_set_text (g_ptr_array_index (self->section_progress, s), line->str);
    }
}

void
_xj_runner_reload_answers (XjRunner *self)
{
  g_autoptr(GError) error = NULL;
  GHashTable *answers = xj_store_load_answers (xj_application_get_store (self->application), self->inspection_id, &error);

  if (answers == NULL)
    {
      g_warning ("Could not reload the answers: %s", error->message);
      return;
    }
  g_clear_pointer (&self->answers, g_hash_table_unref);
  self->answers = answers;
  _xj_runner_update_score (self);
}

/* --- resuming ------------------------------------------------------------- */

static gboolean
row_answered (XjRunner *self,
              guint     index)
{
  XjAnswer *answer = g_hash_table_lookup (self->answers, &xj_item_row_get_item (g_ptr_array_index (self->rows, index))->id);

  return answer != NULL && answer->value != NULL;
}

/* A resumed draft opens at the first unanswered item from where it was
 * left (what is stored there is the last item touched, often answered:
 * the next P must not overwrite it), then from the top; a draft with
 * everything answered opens where it was left. */
guint
_xj_runner_resume_row (XjRunner *self,
                       guint     stored)
{
  if (self->read_only)
    return stored;
  for (guint n = 0; n < self->rows->len; n++)
    {
      guint index = (stored + n) % self->rows->len;

      if (!row_answered (self, index))
        return index;
    }
  return stored;
}

/* --- callbacks ------------------------------------------------------------ */

static void
on_row_answer_cb (XjItemRow  *row,
                  const char *value,
                  XjRunner   *self)
{
  g_autoptr(GError) error = NULL;
  const XjTemplateItem *item = xj_item_row_get_item (row);

  self->last_write_ok = FALSE;
  if (self->read_only)
    return;
  if (!xj_store_set_answer (xj_application_get_store (self->application), self->inspection_id, item, value, &error))
    {
      /* Show what is stored, and why the change was refused, on the row. */
      xj_item_row_set_answer (row, g_hash_table_lookup (self->answers, &item->id));
      xj_item_row_set_error (row, error->message);
      return;
    }
  self->last_write_ok = TRUE;
  _xj_runner_reload_answers (self);
  _xj_runner_set_current (self, _xj_runner_find_row (self, item->id), FALSE);
}

static void
on_row_remark_cb (XjItemRow  *row,
                  const char *text,
                  XjRunner   *self)
{
  g_autoptr(GError) error = NULL;

  if (self->read_only)
    return;
  if (!xj_store_set_remark (xj_application_get_store (self->application), self->inspection_id, xj_item_row_get_item (row),
                            text, &error))
    {
      xj_item_row_remark_failed (row, error->message);
      return;
    }
  xj_item_row_set_error (row, NULL);
  _xj_runner_reload_answers (self);
}

/* A started stopwatch is stored at once: it runs on across leaving the
 * runner, a quit or a crash. */
static void
on_row_timer_cb (XjItemRow *row,
                 gint64     started_ms,
                 XjRunner  *self)
{
  g_autoptr(GError) error = NULL;

  if (self->read_only)
    return;
  if (!xj_store_set_timer_started (xj_application_get_store (self->application), self->inspection_id,
                                   xj_item_row_get_item (row), started_ms, &error))
    {
      xj_item_row_set_error (row, error->message);
      return;
    }
  _xj_runner_reload_answers (self);
}

/* Enter: on to the next item, except from a typed failure that still needs
 * a remark or a photo: first to its remark (Enter there moves on). */
static void
on_row_done_cb (XjItemRow *row,
                gboolean   in_remark,
                XjRunner  *self)
{
  if (row != g_ptr_array_index (self->rows, self->current))
    return;
  if (!in_remark && _xj_runner_needs_evidence (self, xj_item_row_get_item (row)))
    xj_item_row_focus_remark (row);
  else
    _xj_runner_move (self, 1);
}

/* --- private API ---------------------------------------------------------- */

void
_xj_runner_connect_row (XjRunner  *self,
                        XjItemRow *row)
{
  g_signal_connect_object (row, "answer", G_CALLBACK (on_row_answer_cb), self, 0);
  g_signal_connect_object (row, "remark", G_CALLBACK (on_row_remark_cb), self, 0);
  g_signal_connect_object (row, "done", G_CALLBACK (on_row_done_cb), self, 0);
  g_signal_connect_object (row, "timer", G_CALLBACK (on_row_timer_cb), self, 0);
}
