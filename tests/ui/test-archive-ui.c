/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing and the archive, through the real widgets and their actions: a
 * completed weekly check is signed on the pads (strokes added as a pad
 * would record them), a certificate is made through the offered dialog, a
 * wrong passphrase changes nothing, the right one archives the report,
 * which the Archive area lists and Verify finds intact.
 */
#include "config.h"

#include <glib/gstdio.h>

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "xj-application.h"
#include "xj-archive-page.h"
#include "xj-archive-row.h"
#include "xj-launch.h"
#include "xj-certificate-dialog.h"
#include "xj-certificate.h"
#include "xj-inspection.h"
#include "xj-passphrase-dialog.h"
#include "xj-preferences-window.h"
#include "xj-report-archive.h"
#include "xj-report-monthly.h"
#include "xj-runner.h"
#include "xj-sign-dialog.h"
#include "xj-signature.h"
#include "xj-site.h"
#include "xj-template-store.h"
#include "xj-test-app.h"
#include "xj-test-store.h"
#include "xj-test-ui.h"
#include "xj-test-utils.h"
#include "xj-verify-dialog.h"
#include "xj-window.h"

#define PASSPHRASE "correct horse battery"

typedef struct
{
  XJ_TEST_APP_FIELDS
  gint64         inspection_id;
} Fixture;

/* --- helpers -------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjSite) site = xj_site_new ("翠湖花园", XJ_SITE_KIND_ESTATE);

  xj_test_app_start (XJ_TEST_APP (f));
  g_assert_true (xj_store_save_site (f->store, site, "test", &error));
  g_settings_set_string (xj_application_get_settings (f->app), "inspector-name", "王芳");
  g_settings_set_string (xj_application_get_settings (f->app), "organisation-name", "华信物业服务质量监督中心");
  f->inspection_id = xj_test_complete_weekly (f->store, xj_site_get_id (site), "王芳");
  xj_test_app_show (XJ_TEST_APP (f), NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  xj_test_app_tear_down (XJ_TEST_APP (f));
}

/* Iterates until @window_type shows (or @done_cb says so), at most @seconds. */
static GtkWindow *
wait_for_window (GType type,
                 guint seconds)
{
  GtkWindow *window = NULL;

  xj_test_wait_until_ms ((window = xj_test_find_window (type)) != NULL, seconds * 1000);
  return window;
}

static void
sign_on (XjSignaturePad *pad)
{
  static const XjSignaturePoint stroke[] = {
    { 20, 80, 0 }, { 40, 40, 16 }, { 60, 90, 33 }, { 80, 30, 50 }, { 110, 85, 66 },
  };

  xj_signature_pad_begin_stroke (pad, stroke[0].x, stroke[0].y, 1);
  for (guint i = 1; i < G_N_ELEMENTS (stroke); i++)
    xj_signature_pad_extend_stroke (pad, stroke[i].x, stroke[i].y, 1);
  xj_signature_pad_end_stroke (pad);
}

static XjSignDialog *
open_sign_dialog (Fixture *f)
{
  GtkWidget *runner;
  GtkWindow *dialog;

  g_assert_true (xj_window_open_inspection (f->window, f->inspection_id));
  xj_test_wait_until ((runner = xj_window_get_runner (f->window)) != NULL);
  g_assert_true (gtk_widget_is_visible (xj_test_find_widget (runner, "sign_button")));
  g_assert_true (gtk_widget_activate_action (runner, "runner.sign", NULL));
  dialog = wait_for_window (XJ_TYPE_SIGN_DIALOG, 2);
  g_assert_nonnull (dialog);
  return XJ_SIGN_DIALOG (dialog);
}

static void
set_row (GtkWidget  *root,
         const char *id,
         const char *text)
{
  GtkWidget *row = xj_test_find_widget (root, id);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static XjInspectionState
state_of (Fixture *f)
{
  g_autoptr(XjInspection) inspection = xj_store_get_inspection (f->store, f->inspection_id, NULL);

  return inspection->state;
}

/* As a click on the response's button (the dialog then closes itself). */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  xj_test_iterate (20);
}

/* Types @passphrase in the passphrase dialog and waits for the work to end. */
static void
answer_passphrase (XjSignDialog *dialog,
                   const char   *passphrase)
{
  XjPassphraseDialog *ask = XJ_PASSPHRASE_DIALOG (wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 60));
  /* Signed, the dialog closes itself: kept alive here to be asked. */
  g_autoptr(XjSignDialog) kept = g_object_ref (dialog);

  g_assert_nonnull (ask);
  xj_passphrase_dialog_set_passphrase (ask, passphrase);
  respond (ADW_MESSAGE_DIALOG (ask), XJ_PASSPHRASE_RESPONSE);
  /* A click would also close it. */
  gtk_window_destroy (GTK_WINDOW (ask));
  xj_test_wait_until (!xj_sign_dialog_get_busy (kept));
}

/* The default PDF viewer of this test's (isolated) user dirs: a script
 * that writes the file it was given to the file whose path it returns. */
static char *
install_pdf_viewer (const char *dir)
{
  g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
  g_autofree char *viewer = g_build_filename (dir, "viewer.sh", NULL);
  g_autofree char *desktop = g_build_filename (apps, "xj-test-viewer.desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list", NULL);
  char *opened = g_build_filename (dir, "opened.txt", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\necho \"$1\" > '%s'\n", opened);
  g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Viewer\n"
                                            "Exec=%s %%f\nMimeType=application/pdf;\n", viewer);

  g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (viewer, script, -1, NULL));
  g_assert_cmpint (g_chmod (viewer, 0755), ==, 0);
  g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
  g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                      "application/pdf=xj-test-viewer.desktop\n", -1, NULL));
  return opened;
}

/* Points a Save chooser at @path; TRUE once it answers with it. */
static gboolean
aim_chooser (GtkFileChooser *chooser,
             const char     *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) chosen = NULL;

  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
  gtk_file_chooser_set_current_name (chooser, name);
  xj_test_iterate (50);
  chosen = gtk_file_chooser_get_file (chooser);
  return chosen != NULL && g_strcmp0 (g_file_peek_path (chosen), path) == 0;
}

/* Activates @action (a Save a Copy) on @widget and saves into @path through
 * the file chooser; the copy is @report's file, byte for byte. */
static void
save_copy_as (GtkWidget        *widget,
              const char       *action,
              const char       *path,
              XjArchivedReport *report)
{
  g_autoptr(GBytes) copy = NULL;
  g_autoptr(GBytes) original = NULL;
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
  chooser = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG, 10);
  g_assert_nonnull (chooser);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  /* The chooser picks its own first folder as it maps: aim it after. */
  xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (chooser)));
  xj_test_wait_until (aim_chooser (GTK_FILE_CHOOSER (chooser), path));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  xj_test_wait_until (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  xj_test_wait_until (xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  /* Written whole under its name (a rename), then said in a toast. */
  copy = xj_test_read_bytes (path);
  original = xj_test_read_bytes (report->path);
  g_assert_true (g_bytes_equal (copy, original));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (gtk_widget_get_root (widget)),
                                           _("Copy saved")));
}

/* --- tests ---------------------------------------------------------------- */

static void
test_sign_and_archive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(XjArchivedReport) report = NULL;
  g_autofree char *sha256 = NULL;
  XjSignDialog *dialog = open_sign_dialog (f);
  XjPassphraseDialog *ask;
  GtkWindow *offer, *certificate, *verify;
  g_autofree char *opened = NULL;
  g_autofree char *viewed = NULL;
  g_autofree char *copy = g_build_filename (f->dir, "copy.pdf", NULL);
  XjArchivePage *page;
  GtkWidget *row, *runner;

  /* Weekly: the representative countersigns; names come prefilled. */
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (dialog),
                                                              "representative_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (dialog), "rep_company_row"))),
                   ==, "绿城物业");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  g_assert_nonnull (xj_sign_dialog_get_error (dialog));
  g_assert_null (xj_test_find_window (XJ_TYPE_PASSPHRASE_DIALOG));

  sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
  sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
  xj_signature_pad_undo (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
  g_assert_false (xj_signature_pad_get_empty (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  g_assert_cmpstr (xj_sign_dialog_get_error (dialog), ==,
                   _("The property representative has not signed yet."));
  sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));

  /* Found in a whole day's use (issue 12): a crash lost the signatures
   * drawn.  They are kept as they are drawn; a window that goes without
   * being closed (as in a crash) leaves them, and the dialog opened again
   * shows them, to sign with or to clear. */
  {
    g_autofree char *inspector = xj_signature_pad_dup_strokes_json (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
    g_autofree char *representative = xj_signature_pad_dup_strokes_json (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));
    g_autofree char *shown = NULL;
    g_autofree char *shown_representative = NULL;

    gtk_window_destroy (GTK_WINDOW (dialog));
    dialog = open_sign_dialog (f);
    shown = xj_signature_pad_dup_strokes_json (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
    shown_representative = xj_signature_pad_dup_strokes_json (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));
    g_assert_cmpstr (shown, ==, inspector);
    g_assert_cmpstr (shown_representative, ==, representative);
    /* Cleared, it is gone for the next time too; drawn again, it is back. */
    xj_signature_pad_clear (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));
    g_clear_pointer (&shown, g_free);
    shown = xj_store_dup_signature_draft (f->store, f->inspection_id,
                                          XJ_SIGNATURE_ROLE_REPRESENTATIVE, NULL);
    g_assert_null (shown);
    sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));
    shown = xj_store_dup_signature_draft (f->store, f->inspection_id,
                                          XJ_SIGNATURE_ROLE_REPRESENTATIVE, NULL);
    g_assert_nonnull (shown);
  }

  /* No certificate yet: the flow offers to make one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  offer = wait_for_window (ADW_TYPE_MESSAGE_DIALOG, 2);
  g_assert_nonnull (offer);
  respond (ADW_MESSAGE_DIALOG (offer), "create");
  certificate = wait_for_window (XJ_TYPE_CERTIFICATE_DIALOG, 2);
  g_assert_nonnull (certificate);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (xj_test_find_widget (GTK_WIDGET (certificate), "name_row"))),
                   ==, "王芳");
  set_row (GTK_WIDGET (certificate), "passphrase_row", PASSPHRASE);
  set_row (GTK_WIDGET (certificate), "repeat_row", "something else");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (certificate), "certificate.apply", NULL));
  g_assert_true (gtk_widget_get_visible (xj_test_find_widget (GTK_WIDGET (certificate), "error_label")));
  g_assert_false (xj_certificate_exists (f->dir));
  set_row (GTK_WIDGET (certificate), "repeat_row", PASSPHRASE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (certificate), "certificate.apply", NULL));

  /* Once made, the dialog names the certificate that will sign. */
  g_assert_nonnull (wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 60));
  g_assert_nonnull (xj_sign_dialog_get_certificate_id (dialog));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (dialog), "王芳, 华信物业服务质量监督中心"));

  /* A wrong passphrase: said in the prompt, asked again with what was
   * typed selected; nothing changed. */
  answer_passphrase (dialog, "wrong passphrase");
  g_assert_true (xj_certificate_exists (f->dir));
  ask = XJ_PASSPHRASE_DIALOG (wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 20));
  g_assert_nonnull (ask);
  xj_test_wait_until (g_strcmp0 (xj_passphrase_dialog_get_error (ask), _("This passphrase is wrong: type it again.")) == 0);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (ask), _("This passphrase is wrong: type it again.")));
  g_assert_cmpstr (xj_passphrase_dialog_get_passphrase (ask), ==, "wrong passphrase");
  g_assert_true (xj_passphrase_dialog_get_all_selected (ask));
  g_assert_null (xj_sign_dialog_get_error (dialog));
  g_assert_cmpint (state_of (f), ==, XJ_INSPECTION_COMPLETED);
  g_assert_null (xj_store_get_archived_report (f->store, f->inspection_id, NULL));

  /* The right one, typed over it: signed, archived, locked. */
  answer_passphrase (dialog, PASSPHRASE);
  xj_test_wait_until ((xj_test_find_window (XJ_TYPE_SIGN_DIALOG)) == NULL);
  g_assert_cmpint (state_of (f), ==, XJ_INSPECTION_ARCHIVED);
  report = xj_store_get_archived_report (f->store, f->inspection_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (report->path, G_FILE_TEST_IS_REGULAR));
  sha256 = xj_archive_file_sha256 (report->path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha256, ==, report->sha256);
  g_assert_cmpstr (report->signer, ==, "王芳");
  g_assert_true (gtk_widget_is_visible (xj_test_find_widget (xj_window_get_runner (f->window),
                                                            "report_button")));
  g_assert_false (gtk_widget_is_visible (xj_test_find_widget (xj_window_get_runner (f->window),
                                                             "sign_button")));

  /* The runner's report actions: open it in the PDF viewer, save a copy,
   * verify. */
  runner = xj_window_get_runner (f->window);
  opened = install_pdf_viewer (f->dir);
  g_assert_true (gtk_widget_activate_action (runner, "runner.open-report", NULL));
  xj_test_wait_until (g_file_test (opened, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (opened, &viewed, NULL, NULL));
  g_assert_nonnull (strstr (viewed, report->path));
  save_copy_as (runner, "runner.save-copy", copy, report);
  g_assert_true (gtk_widget_activate_action (runner, "runner.verify", NULL));
  verify = wait_for_window (XJ_TYPE_VERIFY_DIALOG, 10);
  g_assert_nonnull (verify);
  g_assert_true (xj_verify_dialog_get_intact (XJ_VERIFY_DIALOG (verify)));
  gtk_window_destroy (verify);
  g_assert_cmpint (g_remove (copy), ==, 0);

  /* The archive lists it; Verify says intact; a copy saved from its row. */
  xj_window_close_inspection (f->window);
  xj_window_show_area (f->window, "archive");
  page = XJ_ARCHIVE_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_ARCHIVE_PAGE));
  g_assert_nonnull (page);
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  g_assert_cmpuint (xj_archive_page_get_n_rows (page), ==, 1);
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (page), report->number));
  row = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_ARCHIVE_ROW);
  g_assert_nonnull (row);
  g_assert_cmpint (xj_archive_row_get_inspection_id (XJ_ARCHIVE_ROW (row)), ==, f->inspection_id);
  g_assert_true (gtk_widget_activate_action (row, "row.verify", NULL));
  verify = wait_for_window (XJ_TYPE_VERIFY_DIALOG, 10);
  g_assert_nonnull (verify);
  g_assert_true (xj_verify_dialog_get_intact (XJ_VERIFY_DIALOG (verify)));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (verify), "✓"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (verify), "王芳"));
  gtk_window_destroy (verify);
  save_copy_as (row, "row.save-copy", copy, report);

  /* A search that matches nothing says so. */
  xj_archive_page_set_search (page, "no such report");
  xj_test_iterate (300);
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  g_assert_cmpuint (xj_archive_page_get_n_rows (page), ==, 0);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), _("No Matching Reports")));
}

/* The Remove button of @holder's certificate row in Preferences. */
static GtkWidget *
find_remove_button (GtkWidget  *root,
                    const char *holder)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (g_object_get_data (G_OBJECT (root), "holder"), holder) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_remove_button (child, holder);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A shared laptop: 张伟's certificate too.  The dialog picks and names the
 * certificate of the inspector the report names (王芳), opens with a field
 * focused (not Cancel), and Preferences lists both, keeping the first when
 * a second one of 王芳's is added. */
static void
test_two_certificates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(XjCertificate) wang = NULL;
  g_autoptr(XjCertificate) kept = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *opened = NULL;
  g_autofree char *viewed = NULL;
  GtkWidget *remove;
  XjSignDialog *dialog;
  XjPreferencesWindow *prefs;
  GtkWidget *focus;
  GtkWindow *certificate, *confirm;

  g_assert_true (xj_certificate_create_self_signed (f->dir, "张伟", "华信", PASSPHRASE, NULL));
  dialog = open_sign_dialog (f);
  /* 王芳 has none: the dialog says so and what to do. */
  g_assert_null (xj_sign_dialog_get_certificate_id (dialog));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (dialog), "王芳"));
  g_assert_true (gtk_widget_is_visible (xj_test_find_widget (GTK_WIDGET (dialog),
                                                            "create_certificate_button")));
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_nonnull (focus);
  g_assert_false (GTK_IS_BUTTON (focus));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (xj_certificate_create_self_signed (f->dir, "王芳", "华信", PASSPHRASE, NULL));
  wang = xj_certificate_find_for_person (f->dir, "王芳", NULL);
  dialog = open_sign_dialog (f);
  g_assert_cmpstr (xj_sign_dialog_get_certificate_id (dialog), ==, xj_certificate_get_id (wang));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (dialog), "王芳, 华信"));
  g_assert_false (xj_test_label_shown (GTK_WIDGET (dialog), "张伟"));
  g_assert_false (gtk_widget_is_visible (xj_test_find_widget (GTK_WIDGET (dialog),
                                                             "create_certificate_button")));
  /* Preview before signing: written in a worker, unsigned, then opened
   * with the default PDF viewer (here a script that notes what it got). */
  opened = install_pdf_viewer (f->dir);
  preview = g_strdup_printf ("%s/xunjian/previews/%" G_GINT64_FORMAT "-preview.pdf",
                             g_get_user_cache_dir (), f->inspection_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.preview", NULL));
  xj_test_wait_until (g_file_test (opened, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (opened, &viewed, NULL, NULL));
  g_assert_nonnull (strstr (viewed, "-preview.pdf"));
  g_assert_true (g_file_test (preview, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (state_of (f), ==, XJ_INSPECTION_COMPLETED);
  g_assert_null (xj_sign_dialog_get_error (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Preferences: both listed; a second one for 王芳 asks, then keeps the first. */
  prefs = xj_preferences_window_new (xj_application_get_settings (f->app), f->dir);
  gtk_window_present (GTK_WINDOW (prefs));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (prefs), "张伟, 华信"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (prefs), "王芳, 华信"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.create-certificate",
                                             NULL));
  certificate = wait_for_window (XJ_TYPE_CERTIFICATE_DIALOG, 2);
  g_assert_nonnull (certificate);
  focus = gtk_window_get_focus (certificate);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, xj_test_find_widget (GTK_WIDGET (certificate),
                                                                     "name_row")));
  set_row (GTK_WIDGET (certificate), "name_row", "王芳");
  set_row (GTK_WIDGET (certificate), "passphrase_row", "another one");
  set_row (GTK_WIDGET (certificate), "repeat_row", "another one");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (certificate), "certificate.apply", NULL));
  confirm = wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 10);
  g_assert_nonnull (confirm);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (confirm), "王芳"));
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 2);  /* nothing added before the answer */
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Only 王芳 can: a passphrase that opens none of her keys adds nothing
   * and is asked again, with what is wrong. */
  xj_passphrase_dialog_set_passphrase (XJ_PASSPHRASE_DIALOG (confirm), "a guess");
  respond (ADW_MESSAGE_DIALOG (confirm), XJ_PASSPHRASE_RESPONSE);
  gtk_window_destroy (confirm);  /* a click would also close it */
  xj_test_wait_until ((confirm = xj_test_find_window (XJ_TYPE_PASSPHRASE_DIALOG)) != NULL
                      && xj_passphrase_dialog_get_error (XJ_PASSPHRASE_DIALOG (confirm)) != NULL);
  g_assert_nonnull (strstr (xj_passphrase_dialog_get_error (XJ_PASSPHRASE_DIALOG (confirm)), "王芳"));
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  xj_passphrase_dialog_set_passphrase (XJ_PASSPHRASE_DIALOG (confirm), PASSPHRASE);
  respond (ADW_MESSAGE_DIALOG (confirm), XJ_PASSPHRASE_RESPONSE);
  gtk_window_destroy (confirm);
  xj_test_wait_until (xj_test_find_window (XJ_TYPE_CERTIFICATE_DIALOG) == NULL);
  g_assert_null (xj_test_find_window (XJ_TYPE_CERTIFICATE_DIALOG));
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  kept = xj_certificate_read (f->dir, xj_certificate_get_id (wang), NULL);
  g_assert_nonnull (kept);
  g_assert_true (xj_certificate_has_key (kept));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (prefs), _("Replaced by a newer one: kept to verify the reports it signed")));

  /* Removing is explicit: a warning first; Cancel keeps it.  And only
   * its holder removes it (issue 12: anyone on the laptop could remove
   * 张伟's and add one in his name): a guess is refused, asked again. */
  remove = find_remove_button (GTK_WIDGET (prefs), "张伟");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  confirm = wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 2);
  g_assert_nonnull (confirm);
  respond (ADW_MESSAGE_DIALOG (confirm), "cancel");
  gtk_window_destroy (confirm);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  g_signal_emit_by_name (find_remove_button (GTK_WIDGET (prefs), "张伟"), "clicked");
  confirm = wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 2);
  xj_passphrase_dialog_set_passphrase (XJ_PASSPHRASE_DIALOG (confirm), "a guess");
  respond (ADW_MESSAGE_DIALOG (confirm), XJ_PASSPHRASE_RESPONSE);
  gtk_window_destroy (confirm);
  xj_test_wait_until ((confirm = xj_test_find_window (XJ_TYPE_PASSPHRASE_DIALOG)) != NULL
                      && xj_passphrase_dialog_get_error (XJ_PASSPHRASE_DIALOG (confirm)) != NULL);
  g_assert_nonnull (strstr (xj_passphrase_dialog_get_error (XJ_PASSPHRASE_DIALOG (confirm)), "张伟"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  xj_passphrase_dialog_set_passphrase (XJ_PASSPHRASE_DIALOG (confirm), PASSPHRASE);
  respond (ADW_MESSAGE_DIALOG (confirm), XJ_PASSPHRASE_RESPONSE);
  gtk_window_destroy (confirm);
  xj_test_wait_until (!xj_test_label_shown (GTK_WIDGET (prefs), "张伟, 华信"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = xj_certificate_list (f->dir, NULL);
  g_assert_cmpuint (list->len, ==, 2);

  /* Import shares the create action's callback: it opens the import form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "preferences.import-certificate",
                                             NULL));
  certificate = wait_for_window (XJ_TYPE_CERTIFICATE_DIALOG, 2);
  g_assert_nonnull (certificate);
  g_assert_cmpstr (gtk_window_get_title (certificate), ==, _("Import Certificate"));
  g_assert_true (gtk_widget_is_visible (xj_test_find_widget (GTK_WIDGET (certificate),
                                                             "import_group")));
  g_assert_false (gtk_widget_is_visible (xj_test_find_widget (GTK_WIDGET (certificate),
                                                              "create_group")));
  gtk_window_destroy (certificate);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_archive_empty (Fixture       *f,
                    gconstpointer  data)
{
  XjArchivePage *page;

  GtkStack *pages;

  xj_test_wait_until (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  xj_test_iterate (100);
  xj_window_show_area (f->window, "archive");
  page = XJ_ARCHIVE_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_ARCHIVE_PAGE));
  /* Shown for the first time: at once, no cross-fade drawing two pages
   * every frame while the list is built. */
  pages = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (page)));
  g_assert_true (gtk_stack_get_visible_child (pages) == GTK_WIDGET (page));
  g_assert_false (gtk_stack_get_transition_running (pages));
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  g_assert_cmpuint (xj_archive_page_get_n_rows (page), ==, 0);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), _("No Signed Reports Yet")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "archive.show-inspections", NULL));
  /* After the pages' cross-fade: waited for, not timed (a busy machine is slow). */
  xj_test_wait_until (!(gtk_widget_get_mapped (GTK_WIDGET (page))));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  /* Back to a page already built: the cross-fade as before. */
  xj_window_show_area (f->window, "archive");
  g_assert_true (gtk_stack_get_transition_running (pages));
}

/* The monthly report of March 2026, signed by 张伟 and archived. */
static XjArchivedReport *
archive_monthly (Fixture *f)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = g_build_filename (f->dir, "monthly.pdf", NULL);
  XjArchivedReport *archived;

  g_assert_true (xj_certificate_create_self_signed (f->dir, "张伟", "华信", PASSPHRASE, NULL));
  certificate = xj_certificate_find_for_person (f->dir, "张伟", &error);
  g_assert_no_error (error);
  signer = xj_certificate_load (f->dir, xj_certificate_get_id (certificate), PASSPHRASE, &error);
  g_assert_no_error (error);
  archived = xj_report_archive_monthly (f->store, 2026, 3, signer, written, &error);
  g_assert_no_error (error);
  return archived;
}

static void
on_not_opened (GtkWidget    *widget,
               const GError *error)
{
  g_object_set_data_full (G_OBJECT (widget), "not-opened", g_strdup (error->message), g_free);
}

/* A file no application opens (no default for its type, here a blob of
 * an unknown kind): the caller is told, with GIO's reason, and the widget
 * is kept alive until then. */
static void
test_launch_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "blob.xj-unknown", NULL);
  const guint8 blob[] = { 0x00, 0xff, 0x13, 0x37, 0x00, 0x01, 0xfe, 0x80 };

  g_assert_true (g_file_set_contents (path, (const char *) blob, sizeof blob, NULL));
  xj_launch_path (GTK_WIDGET (f->window), path, on_not_opened);
  xj_test_wait_until (g_object_get_data (G_OBJECT (f->window), "not-opened") != NULL);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (f->window), "not-opened"), !=, "");
}

/* A signed monthly report, archived: the Archive lists it as the month's
 * report (no site, no inspection), opens it, and Verify finds it intact. */
static void
test_monthly (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(XjArchivedReport) archived = archive_monthly (f);
  g_autofree char *opened = NULL;
  g_autofree char *viewed = NULL;
  XjArchivePage *page;
  GtkWidget *row;
  GtkWindow *verify;

  g_assert_cmpstr (archived->number, ==, "MR-2026-03");
  opened = install_pdf_viewer (f->dir);
  xj_window_close_inspection (f->window);
  xj_window_show_area (f->window, "archive");
  page = XJ_ARCHIVE_PAGE (xj_test_find_by_type (GTK_WIDGET (f->window), XJ_TYPE_ARCHIVE_PAGE));
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  g_assert_cmpuint (xj_archive_page_get_n_rows (page), ==, 1);
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "Monthly report 2026-03"));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (page), "MR-2026-03"));
  row = xj_test_find_by_type (GTK_WIDGET (page), XJ_TYPE_ARCHIVE_ROW);
  g_assert_nonnull (row);
  g_assert_cmpint (xj_archive_row_get_inspection_id (XJ_ARCHIVE_ROW (row)), ==, 0);

  g_assert_true (gtk_widget_activate_action (row, "row.open", NULL));
  xj_test_wait_until (g_file_test (opened, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (opened, &viewed, NULL, NULL));
  g_assert_nonnull (strstr (viewed, "MR-2026-03.pdf"));

  g_assert_true (gtk_widget_activate_action (row, "row.verify", NULL));
  verify = wait_for_window (XJ_TYPE_VERIFY_DIALOG, 10);
  g_assert_nonnull (verify);
  g_assert_true (xj_verify_dialog_get_intact (XJ_VERIFY_DIALOG (verify)));
  g_assert_true (xj_test_label_shown (GTK_WIDGET (verify), "张伟"));
  gtk_window_destroy (verify);

  /* Found by its month. */
  xj_archive_page_set_search (page, "2026-03");
  xj_test_iterate (300);
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  g_assert_cmpuint (xj_archive_page_get_n_rows (page), ==, 1);
}

/* Run in a process started under zh_CN.UTF-8 (see tests/ui/meson.build). */
static void
test_chinese (void)
{
  Fixture f = { 0 };
  XjSignDialog *dialog;
  XjPassphraseDialog *ask;
  XjPreferencesWindow *prefs;
  XjArchivePage *page;

  fixture_set_up (&f, NULL);
  g_assert_true (xj_certificate_create_self_signed (f.dir, "王芳", "华信", PASSPHRASE, NULL));

  dialog = open_sign_dialog (&f);
  xj_test_iterate (50);
  xj_test_assert_translated (GTK_WIDGET (dialog));
  sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_INSPECTOR));
  sign_on (xj_sign_dialog_get_pad (dialog, XJ_SIGNATURE_ROLE_REPRESENTATIVE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "sign.sign", NULL));
  ask = XJ_PASSPHRASE_DIALOG (wait_for_window (XJ_TYPE_PASSPHRASE_DIALOG, 2));
  g_assert_nonnull (ask);
  xj_test_iterate (50);
  xj_test_assert_translated (GTK_WIDGET (ask));
  gtk_window_destroy (GTK_WINDOW (ask));
  gtk_window_destroy (GTK_WINDOW (dialog));

  prefs = xj_preferences_window_new (xj_application_get_settings (f.app), f.dir);
  gtk_window_present (GTK_WINDOW (prefs));
  xj_test_wait_until (xj_test_label_shown (GTK_WIDGET (prefs), "王芳"));
  xj_test_assert_translated (GTK_WIDGET (prefs));
  gtk_window_destroy (GTK_WINDOW (prefs));

  xj_window_close_inspection (f.window);
  xj_window_show_area (f.window, "archive");
  page = XJ_ARCHIVE_PAGE (xj_test_find_by_type (GTK_WIDGET (f.window), XJ_TYPE_ARCHIVE_PAGE));
  xj_test_wait_until (!(xj_archive_page_get_loading (page)));
  xj_test_iterate (50);
  xj_test_assert_translated (GTK_WIDGET (f.window));
  fixture_tear_down (&f, NULL);
}

/* The file chooser of @window (opened by @action) is modal to it and goes
 * with it: closing the window while the chooser is open leaves no chooser
 * whose answer would go to a window that is gone. */
static void
assert_chooser_goes_with (GtkWindow  *window,
                          const char *action)
{
  GtkWindow *chooser;

  gtk_window_present (window);
  xj_test_iterate (30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  for (guint i = 0; i < 100 && xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL; i++)
    xj_test_iterate (10);
  chooser = xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_window_get_modal (chooser));
  gtk_window_destroy (window);
  xj_test_iterate (30);
  chooser = xj_test_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_null (chooser);
}

static void
test_choosers_closed_with_window (Fixture       *f,
                                  gconstpointer  data)
{
  assert_chooser_goes_with (GTK_WINDOW (xj_preferences_window_new (xj_application_get_settings (f->app),
                                                                   f->dir)),
                            "preferences.choose-logo");
  assert_chooser_goes_with (GTK_WINDOW (xj_certificate_dialog_new (GTK_WINDOW (f->window), f->dir,
                                                                   XJ_CERTIFICATE_DIALOG_IMPORT,
                                                                   "王芳", "华信")),
                            "certificate.choose");
}

int
main (int    argc,
      char **argv)
{
  xj_test_init_ui (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "zh_CN"))
    {
      g_test_add_func ("/xj/ui/zh/archive-translated", test_chinese);
      return g_test_run ();
    }

  g_test_add ("/xj/ui/archive/sign-and-archive", Fixture, NULL, fixture_set_up,
              test_sign_and_archive, fixture_tear_down);
  g_test_add ("/xj/ui/archive/launch-fails", Fixture, NULL, fixture_set_up, test_launch_fails,
              fixture_tear_down);
  g_test_add ("/xj/ui/archive/monthly", Fixture, NULL, fixture_set_up, test_monthly,
              fixture_tear_down);
  g_test_add ("/xj/ui/archive/empty", Fixture, NULL, fixture_set_up, test_archive_empty,
              fixture_tear_down);
  g_test_add ("/xj/ui/archive/two-certificates", Fixture, NULL, fixture_set_up,
              test_two_certificates, fixture_tear_down);
  g_test_add ("/xj/ui/archive/choosers-closed-with-window", Fixture, NULL, fixture_set_up,
              test_choosers_closed_with_window, fixture_tear_down);

  return g_test_run ();
}
