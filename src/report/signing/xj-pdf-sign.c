/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signs a finished PDF the way readers expect: an incremental update that
 * appends a new catalog (with /AcroForm), the first page (with the signature
 * widget in /Annots), the widget, the signature dictionary and a classic
 * cross-reference section pointing back with /Prev.  The original bytes are
 * never modified, so the signature covers them all.
 *
 * The input is mapped and hashed where it lies, together with the update
 * minus its /Contents hole; the CMS signature of that digest then fills the
 * hole.  Nothing is copied but the one write of the output.
 */
#define G_LOG_DOMAIN "xj-pdf-sign"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xj-clock.h"
#include "xj-pdf-sign-private.h"

#define HEX_LENGTH       (2 * XJ_PDF_SIGNATURE_CAPACITY)
#define BYTE_RANGE_WIDTH 10
#define MAX_SIGNED_SIZE  G_GUINT64_CONSTANT (9999999999)  /* fits BYTE_RANGE_WIDTH */
#define MAX_PAGE_DEPTH   32

G_DEFINE_QUARK (xj-pdf-sign-error-quark, xj_pdf_sign_error)

typedef struct {
  guint number;
  guint generation;
  gsize offset;  /* in the update */
} XrefEntry;

typedef struct {
  GString *text;
  GArray  *entries;           /* XrefEntry */
  gsize    byte_range_pos;    /* first of the three fixed-width numbers */
  gsize    hole_start;        /* the '<' of /Contents */
  gsize    hole_end;          /* just after its '>' */
} Update;

/* --- helpers -------------------------------------------------------------- */

static gboolean
fail_io (GError     **error,
         const char  *path,
         int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_IO,
               _("Cannot access “%s”: %s"), display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
unsupported (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_UNSUPPORTED, message);
  return FALSE;
}

/* A PDF text string: literal when ASCII, else UTF-16BE with a byte order mark. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  gboolean ascii = TRUE;

  for (const char *p = text; *p != '\0'; p++)
    ascii = ascii && (guchar) *p >= 0x20 && (guchar) *p < 0x7f;

  if (ascii)
    {
      g_string_append_c (out, '(');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '(' || *p == ')' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, ')');
    }
  else
    {
      g_autofree gunichar2 *utf16 = NULL;
      glong length = 0;

      utf16 = g_utf8_to_utf16 (text, -1, NULL, &length, NULL);
      g_string_append (out, "<FEFF");
      for (glong i = 0; utf16 != NULL && i < length; i++)
        g_string_append_printf (out, "%04X", utf16[i]);
      g_string_append_c (out, '>');
    }
}

static void
append_pdf_date (GString *out,
                 gint64   unix_seconds)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (unix_seconds);
  g_autofree char *stamp = g_date_time_format (local, "%Y%m%d%H%M%S");
  gint64 offset_minutes = g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE;

  g_string_append_printf (out, "(D:%s%c%02d'%02d')", stamp, offset_minutes < 0 ? '-' : '+',
                          (int) (ABS (offset_minutes) / 60), (int) (ABS (offset_minutes) % 60));
}

static void
begin_object (Update *update,
              guint   number,
              guint   generation)
{
  XrefEntry entry = { number, generation, update->text->len };

  g_array_append_val (update->entries, entry);
  g_string_append_printf (update->text, "%u %u obj\n", number, generation);
}

/* Copies @dict with @insertion spliced in at @at (an offset in the file). */
static void
append_dict_with (Update              *update,
                  const XjPdfDocument *doc,
                  XjPdfSpan            dict,
                  gsize                at,
                  const char          *insertion)
{
  g_string_append_len (update->text, (const char *) doc->data + dict.start, at - dict.start);
  g_string_append (update->text, insertion);
  g_string_append_len (update->text, (const char *) doc->data + at, dict.end - at);
  g_string_append (update->text, "\nendobj\n");
}

/* --- the document's structure -------------------------------------------- */

static gboolean
is_page (const XjPdfDocument *doc,
         XjPdfSpan            node)
{
  XjPdfSpan type;

  return _xj_pdf_dict_lookup (doc, node, "Type", &type) &&
         type.end - type.start == 5 && memcmp (doc->data + type.start, "/Page", 5) == 0;
}

/* The first entry of the inline /Kids array of a /Pages node. */
static gboolean
first_kid (const XjPdfDocument *doc,
           XjPdfSpan            node,
           guint               *number,
           guint               *generation)
{
  XjPdfSpan kids;
  gint64 n, g;
  gsize pos;

  if (!_xj_pdf_dict_lookup (doc, node, "Kids", &kids) || doc->data[kids.start] != '[')
    return FALSE;
  pos = kids.start + 1;
  if (!_xj_pdf_read_int (doc->data, kids.end, &pos, &n) ||
      !_xj_pdf_read_int (doc->data, kids.end, &pos, &g) || n <= 0 || n > G_MAXINT)
    return FALSE;
  pos = _xj_pdf_skip_space (doc->data, kids.end, pos);
  *number = (guint) n;
  *generation = (guint) g;
  return pos < kids.end && doc->data[pos] == 'R';
}

static gboolean
find_first_page (const XjPdfDocument  *doc,
                 XjPdfSpan             catalog,
                 guint                *number,
                 guint                *generation,
                 XjPdfSpan            *page,
                 GError              **error)
{
  XjPdfSpan pages;

  if (!_xj_pdf_dict_lookup (doc, catalog, "Pages", &pages) ||
      !_xj_pdf_span_get_ref (doc, pages, number, generation))
    goto bad;
  if (!_xj_pdf_document_get_dict (doc, *number, generation, page, error))
    return FALSE;

  for (guint depth = 0; depth < MAX_PAGE_DEPTH; depth++)
    {
      if (is_page (doc, *page))
        return TRUE;
      if (!first_kid (doc, *page, number, generation))
        goto bad;
      if (!_xj_pdf_document_get_dict (doc, *number, generation, page, error))
        return FALSE;
    }

bad:
  g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED,
                       _("The PDF document is damaged: its first page cannot be found"));
  return FALSE;
}

static gboolean
malformed (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_MALFORMED, message);
  return FALSE;
}

static void
append_xref_and_trailer (Update              *update,
                         const XjPdfDocument *doc,
                         guint                size,
                         XjPdfSpan            root)
{
  XrefEntry *entries = (XrefEntry *) (gpointer) update->entries->data;
  guint n_entries = update->entries->len;
  gsize xref_offset = doc->size + update->text->len;
  XjPdfSpan value;

  g_string_append (update->text, "xref\n");
  for (guint run = 0; run < n_entries; )
    {
      guint count = 1;

      while (run + count < n_entries && entries[run + count].number == entries[run].number + count)
        count++;
      g_string_append_printf (update->text, "%u %u\n", entries[run].number, count);
      for (guint i = run; i < run + count; i++)
        g_string_append_printf (update->text, "%010" G_GSIZE_FORMAT " %05u n\r\n",
                                doc->size + entries[i].offset, entries[i].generation);
      run += count;
    }

  g_string_append_printf (update->text, "trailer\n<< /Size %u /Root ", size);
  g_string_append_len (update->text, (const char *) doc->data + root.start, root.end - root.start);
  for (guint i = 0; i < 2; i++)
    {
      const char *key = i == 0 ? "Info" : "ID";

      if (_xj_pdf_dict_lookup (doc, doc->trailer, key, &value))
        {
          g_string_append_printf (update->text, " /%s ", key);
          g_string_append_len (update->text, (const char *) doc->data + value.start, value.end - value.start);
        }
    }
  g_string_append_printf (update->text, " /Prev %" G_GSIZE_FORMAT " >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
                          doc->startxref, xref_offset);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const XrefEntry *ea = a, *eb = b;

  return (ea->number > eb->number) - (ea->number < eb->number);
}

/* Builds the update with placeholders for /ByteRange and /Contents. */
static gboolean
build_update (const XjPdfDocument  *doc,
              XjSigner             *signer,
              Update               *update,
              GError              **error)
{
  g_autofree char *insertion = NULL;
  XjPdfSpan root, size_span, catalog, page, annots, value;
  guint root_number, root_generation, page_number, page_generation, widget, signature;
  gint64 size;

  if (!_xj_pdf_dict_lookup (doc, doc->trailer, "Root", &root) ||
      !_xj_pdf_span_get_ref (doc, root, &root_number, &root_generation) ||
      !_xj_pdf_dict_lookup (doc, doc->trailer, "Size", &size_span) ||
      !_xj_pdf_span_get_int (doc, size_span, &size) || size <= 0 || size > G_MAXINT - 2)
    return malformed (error, _("The PDF document is damaged: its trailer is incomplete"));
  if (!_xj_pdf_document_get_dict (doc, root_number, &root_generation, &catalog, error))
    return FALSE;
  if (_xj_pdf_dict_lookup (doc, catalog, "AcroForm", &value))
    return unsupported (error, _("The PDF document already has a form or a signature; it cannot be signed again"));
  if (!find_first_page (doc, catalog, &page_number, &page_generation, &page, error))
    return FALSE;
  widget = (guint) size;
  signature = widget + 1;

  if (doc->data[doc->size - 1] != '\n' && doc->data[doc->size - 1] != '\r')
    g_string_append_c (update->text, '\n');

  begin_object (update, root_number, root_generation);
  insertion = g_strdup_printf ("\n/AcroForm << /Fields [%u 0 R] /SigFlags 3 >>\n", widget);
  append_dict_with (update, doc, catalog, catalog.end - 2, insertion);

  begin_object (update, page_number, page_generation);
  g_clear_pointer (&insertion, g_free);
  if (!_xj_pdf_dict_lookup (doc, page, "Annots", &annots))
    {
      insertion = g_strdup_printf ("\n/Annots [%u 0 R]\n", widget);
      append_dict_with (update, doc, page, page.end - 2, insertion);
    }
  else if (doc->data[annots.start] == '[')
    {
      insertion = g_strdup_printf (" %u 0 R", widget);
      append_dict_with (update, doc, page, annots.end - 1, insertion);
    }
  else
    return unsupported (error, _("The first page keeps its annotations in a separate object, which cannot be signed yet"));

  /* Invisible (zero rectangle) and printable + locked (/F 132), as signing
   * tools do for signatures without an appearance. */
  begin_object (update, widget, 0);
  g_string_append_printf (update->text,
                          "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %u 0 R"
                          " /Rect [0 0 0 0] /F 132 /P %u %u R >>\nendobj\n",
                          signature, page_number, page_generation);

  begin_object (update, signature, 0);
  g_string_append (update->text,
                   "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached\n/ByteRange [0 ");
  update->byte_range_pos = update->text->len;
  g_string_append_printf (update->text, "%*s]\n/Contents ", 3 * BYTE_RANGE_WIDTH + 2, "");
  update->hole_start = update->text->len;
  g_string_append_c (update->text, '<');
  for (guint i = 0; i < HEX_LENGTH; i++)
    g_string_append_c (update->text, '0');
  g_string_append_c (update->text, '>');
  update->hole_end = update->text->len;
  g_string_append (update->text, "\n/M ");
  append_pdf_date (update->text, xj_clock_now ());
  g_string_append (update->text, " /Name ");
  append_text_string (update->text, xj_certificate_get_subject_name (signer->certificate));
  g_string_append (update->text, " >>\nendobj\n");

  g_array_sort (update->entries, compare_entries);
  append_xref_and_trailer (update, doc, signature + 1, root);
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  while (size > 0)
    {
      gssize n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      size -= n;
    }
  return TRUE;
}

/* Writes @original then @update to a temporary file beside @path that
 * replaces it only once complete and on disk. */
static gboolean
write_replacing (const char     *path,
                 const guint8   *original,
                 gsize           original_size,
                 const GString  *update,
                 GError        **error)
{
  g_autofree char *temp_path = g_strdup_printf ("%s.XXXXXX", path);
  int fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0644);
  int saved_errno;

  if (fd < 0)
    return fail_io (error, path, errno);
  if (write_all (fd, original, original_size) &&
      write_all (fd, (const guint8 *) update->str, update->len) &&
      fsync (fd) == 0)
    {
      if (close (fd) == 0 && g_rename (temp_path, path) == 0)
        return TRUE;
      fd = -1;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  return fail_io (error, path, saved_errno);
}

/* Appends @update to @path itself, which still holds its @original_size
 * bytes; on error truncates it back to them. */
static gboolean
write_appending (const char     *path,
                 gsize           original_size,
                 const GString  *update,
                 GError        **error)
{
  struct stat info;
  int fd = g_open (path, O_WRONLY | O_CLOEXEC, 0);
  int saved_errno;

  if (fd < 0)
    return fail_io (error, path, errno);
  if (fstat (fd, &info) != 0 || (guint64) info.st_size != original_size ||
      lseek (fd, (off_t) original_size, SEEK_SET) < 0)
    {
      close (fd);
      return fail_io (error, path, EBUSY);
    }
  if (write_all (fd, (const guint8 *) update->str, update->len) && fsync (fd) == 0)
    return close (fd) == 0 || fail_io (error, path, errno);
  saved_errno = errno;
  if (ftruncate (fd, (off_t) original_size) != 0)
    g_warning ("Cannot truncate %s back after a failed signature", path);
  close (fd);
  return fail_io (error, path, saved_errno);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf info_a, info_b;

  return g_stat (a, &info_a) == 0 && g_stat (b, &info_b) == 0 &&
         info_a.st_dev == info_b.st_dev && info_a.st_ino == info_b.st_ino;
}

/* --- public API ------------------------------------------------------------- */

/* Signs @input with @signer's key and writes the signed document to @output.
 *
 * When @output is @input, the update is appended in place: a 20 MB report
 * then costs a few kilobytes of writing instead of 20 MB.  Do that on a file
 * no one else sees yet (an export's temporary file, renamed once signed).
 * Otherwise the signed copy goes to a temporary file beside @output that
 * replaces it once complete. */
gboolean
xj_pdf_sign_file (XjSigner    *signer,
                  const char  *input,
                  const char  *output,
                  GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) text = g_string_sized_new (HEX_LENGTH + 8192);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  g_auto(XjPdfDocument) doc = { 0 };
  g_autoptr(GBytes) der = NULL;
  Update update = { text, entries, 0, 0, 0 };
  char byte_range[3 * BYTE_RANGE_WIDTH + 3];
  static const char hex[] = "0123456789ABCDEF";
  guint8 digest[XJ_PDF_DIGEST_SIZE];
  const guint8 *data, *signature;
  gsize original, contents_at, total, signature_size;

  g_return_val_if_fail (signer != NULL, FALSE);
  g_return_val_if_fail (input != NULL && output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Mapped, not read: the pages come straight from the page cache, where
   * reading 20 MB into fresh memory would cost as much as hashing them. */
  file = g_mapped_file_new (input, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_IO, local_error->message);
      return FALSE;
    }
  data = (const guint8 *) g_mapped_file_get_contents (file);
  original = g_mapped_file_get_length (file);
  if (!_xj_pdf_document_parse (&doc, data, original, error) ||
      !build_update (&doc, signer, &update, error))
    return FALSE;

  contents_at = original + update.hole_start;
  total = original + text->len;
  if (total > MAX_SIGNED_SIZE)
    return unsupported (error, _("The PDF document is too large to be signed"));
  g_snprintf (byte_range, sizeof byte_range, "%-*" G_GSIZE_FORMAT " %-*" G_GSIZE_FORMAT " %-*" G_GSIZE_FORMAT,
              BYTE_RANGE_WIDTH, contents_at,
              BYTE_RANGE_WIDTH, original + update.hole_end,
              BYTE_RANGE_WIDTH, total - original - update.hole_end);
  memcpy (text->str + update.byte_range_pos, byte_range, strlen (byte_range));

  /* The signed ranges: the original file, the update up to /Contents and
   * after it.  Hashed where they lie, in one pass. */
  _xj_pdf_digest_ranges (data, original, (const guint8 *) text->str, update.hole_start,
                         (const guint8 *) text->str + update.hole_end, text->len - update.hole_end,
                         digest);
  der = _xj_pdf_cms_sign (signer, digest, error);
  if (der == NULL)
    return FALSE;
  signature = g_bytes_get_data (der, &signature_size);
  if (signature_size > XJ_PDF_SIGNATURE_CAPACITY)
    {
      g_set_error_literal (error, XJ_PDF_SIGN_ERROR, XJ_PDF_SIGN_ERROR_FAILED,
                           _("The signature is too large: the certificate chain is too long"));
      return FALSE;
    }
  for (gsize i = 0; i < signature_size; i++)
    {
      text->str[update.hole_start + 1 + 2 * i] = hex[signature[i] >> 4];
      text->str[update.hole_start + 2 + 2 * i] = hex[signature[i] & 0xf];
    }

  if (same_file (input, output))
    return write_appending (output, original, text, error);
  return write_replacing (output, data, original, text, error);
}
