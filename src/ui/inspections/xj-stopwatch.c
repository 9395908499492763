/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjStopwatch: start, stop, reset, and large quiet digits that a mystery
 * shopper can glance at without drawing attention.  Emits "started" with
 * the wall-clock instant (Unix ms, so that the runner can store it and a
 * restarted program carries on counting), "stopped" with the seconds
 * measured and "reset"; the item row turns those into answers.  Passing
 * the limit only changes the digits' colour: nothing flashes or sounds.
 */
#define G_LOG_DOMAIN "xj-stopwatch"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "xj-icon-button.h"
#include "xj-stopwatch.h"

#define TICK_MS 100

struct _XjStopwatch
{
  AdwBin     parent_instance;

  GtkLabel  *digits;
  GtkButton *start_stop;
  GtkButton *reset;

  gint64     started_ms;      /* wall-clock start (Unix ms); 0 when stopped */
  double     seconds;         /* shown when stopped */
  double     limit;           /* seconds; NAN: none */
  guint      tick_id;
};

G_DEFINE_FINAL_TYPE (XjStopwatch, xj_stopwatch, ADW_TYPE_BIN)

enum {
  SIGNAL_STARTED,
  SIGNAL_STOPPED,
  SIGNAL_RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers -------------------------------------------------------------- */

static void
show_seconds (XjStopwatch *self,
              double       seconds)
{
  int tenths = (int) (seconds * 10 + 0.5);
  g_autofree char *text = g_strdup_printf ("%02d:%02d.%d", tenths / 600, tenths / 10 % 60,
                                           tenths % 10);

  gtk_label_set_text (self->digits, text);
  /* Over the limit: the digits turn quietly red as it happens. */
  if (!isnan (self->limit) && seconds > self->limit)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->digits), "over-limit");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->digits), _("Over the limit"));
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->digits), "over-limit");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->digits), NULL);
    }
}

static void
update_buttons (XjStopwatch *self)
{
  gboolean running = self->started_ms != 0;
  const char *label = running ? _("Stop the stopwatch") : _("Start the stopwatch");

  gtk_button_set_icon_name (self->start_stop, running ? "media-playback-stop-symbolic"
                                                      : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_stop), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_stop),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static double
elapsed (XjStopwatch *self)
{
  return MAX (0, now_ms () - self->started_ms) / 1000.0;
}

static gboolean on_tick_cb (gpointer user_data);

static void
run_from (XjStopwatch *self,
          gint64       started_ms)
{
  self->started_ms = started_ms;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  self->tick_id = g_timeout_add (TICK_MS, on_tick_cb, self);
  show_seconds (self, elapsed (self));
  update_buttons (self);
}

/* --- callbacks ------------------------------------------------------------ */

static gboolean
on_tick_cb (gpointer user_data)
{
  XjStopwatch *self = user_data;

  show_seconds (self, elapsed (self));
  return G_SOURCE_CONTINUE;
}

static void
on_start_stop_clicked_cb (XjStopwatch *self)
{
  if (self->started_ms == 0)
    {
      run_from (self, now_ms ());
      g_signal_emit (self, signals[SIGNAL_STARTED], 0, self->started_ms);
    }
  else
    {
      /* One decimal, as it is stored and shown. */
      self->seconds = (int) (elapsed (self) * 10 + 0.5) / 10.0;
      self->started_ms = 0;
      g_clear_handle_id (&self->tick_id, g_source_remove);
      show_seconds (self, self->seconds);
      update_buttons (self);
      g_signal_emit (self, signals[SIGNAL_STOPPED], 0, self->seconds);
    }
}

static void
on_reset_clicked_cb (XjStopwatch *self)
{
  self->started_ms = 0;
  self->seconds = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  show_seconds (self, 0);
  update_buttons (self);
  g_signal_emit (self, signals[SIGNAL_RESET], 0);
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_stopwatch_dispose (GObject *object)
{
  XjStopwatch *self = XJ_STOPWATCH (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  G_OBJECT_CLASS (xj_stopwatch_parent_class)->dispose (object);
}

static void
xj_stopwatch_class_init (XjStopwatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xj_stopwatch_dispose;

  signals[SIGNAL_STARTED] = g_signal_new ("started", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_STOPPED] = g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_DOUBLE);
  signals[SIGNAL_RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
xj_stopwatch_init (XjStopwatch *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->limit = NAN;
  self->digits = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->digits), "stopwatch-digits");
  gtk_widget_set_valign (GTK_WIDGET (self->digits), GTK_ALIGN_CENTER);
  self->start_stop = GTK_BUTTON (gtk_button_new ());
  self->reset = GTK_BUTTON (xj_icon_button_new ("edit-undo-symbolic", _("Reset the stopwatch")));
  for (GtkWidget *button = GTK_WIDGET (self->start_stop); button != NULL;
       button = button == GTK_WIDGET (self->reset) ? NULL : GTK_WIDGET (self->reset))
    {
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "circular");
    }
  g_signal_connect_swapped (self->start_stop, "clicked", G_CALLBACK (on_start_stop_clicked_cb),
                            self);
  g_signal_connect_swapped (self->reset, "clicked", G_CALLBACK (on_reset_clicked_cb), self);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->digits));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->start_stop));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->reset));
  adw_bin_set_child (ADW_BIN (self), box);
  show_seconds (self, 0);
  update_buttons (self);
}

/* --- public API ----------------------------------------------------------- */

GtkWidget *
xj_stopwatch_new (void)
{
  return g_object_new (XJ_TYPE_STOPWATCH, NULL);
}

/* Shows a stored answer; a running measurement is not interrupted. */
void
xj_stopwatch_set_seconds (XjStopwatch *self,
                          double       seconds)
{
  g_return_if_fail (XJ_IS_STOPWATCH (self));

  self->seconds = seconds;
  if (self->started_ms == 0)
    show_seconds (self, seconds);
}

/* A stored start: runs on from it (a reopened draft); 0 stops without an
 * answer (the measurement was reset elsewhere). */
void
xj_stopwatch_set_started (XjStopwatch *self,
                          gint64       started_ms)
{
  g_return_if_fail (XJ_IS_STOPWATCH (self));

  if (started_ms == self->started_ms)
    return;
  if (started_ms > 0)
    {
      run_from (self, started_ms);
      return;
    }
  self->started_ms = 0;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  show_seconds (self, self->seconds);
  update_buttons (self);
}

void
xj_stopwatch_set_limit (XjStopwatch *self,
                        double       seconds)
{
  g_return_if_fail (XJ_IS_STOPWATCH (self));

  self->limit = seconds;
  show_seconds (self, self->started_ms != 0 ? elapsed (self) : self->seconds);
}

/* Start or stop, as the button does (the runner's S key). */
void
xj_stopwatch_toggle (XjStopwatch *self)
{
  g_return_if_fail (XJ_IS_STOPWATCH (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self->start_stop)))
    on_start_stop_clicked_cb (self);
}

gboolean
xj_stopwatch_get_running (XjStopwatch *self)
{
  g_return_val_if_fail (XJ_IS_STOPWATCH (self), FALSE);

  return self->started_ms != 0;
}

void
xj_stopwatch_set_editable (XjStopwatch *self,
                           gboolean     editable)
{
  g_return_if_fail (XJ_IS_STOPWATCH (self));

  gtk_widget_set_visible (GTK_WIDGET (self->start_stop), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->reset), editable);
}
