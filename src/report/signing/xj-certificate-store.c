/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificates of a data folder.  A shared laptop holds several
 * people's, and a person keeps their older certificates beside the new one
 * (they verify the reports signed before).  Each lives in keys/ as
 * <id>.crt.pem with its encrypted key <id>.key.pem, the ID being the
 * SHA-256 of the certificate; the single pair of earlier versions
 * (signing-certificate.pem, signing-key.pem) is read as one of them.
 */
#define G_LOG_DOMAIN "xj-certificate"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "xj-certificate-private.h"
#include "xj-clock.h"
#include "xj-team-laptop.h"

#define CHAIN_SUFFIX  ".crt.pem"
#define KEY_SUFFIX    ".key.pem"
#define LEGACY_CHAIN  "signing-certificate.pem"
#define LEGACY_KEY    "signing-key.pem"

/* --- helpers -------------------------------------------------------------- */

/* Reads a PEM chain, leaf first. */
static XjCertificate *
_xj_certificate_read_file (const char  *chain_path,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gnutls_x509_crt_t *chain = NULL;
  unsigned int n_chain = 0;
  XjCertificate *certificate;
  gnutls_datum_t data;
  gsize length = 0;
  int ret;

  if (!g_file_get_contents (chain_path, &contents, &length, &local_error))
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_IO,
                   _("Cannot read “%s”: %s"), chain_path, local_error->message);
      return NULL;
    }
  data.data = (unsigned char *) contents;
  data.size = length;
  ret = gnutls_x509_crt_list_import2 (&chain, &n_chain, &data, GNUTLS_X509_FMT_PEM, 0);
  if (ret < 0 || n_chain == 0)
    {
      gnutls_free (chain);
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_FAILED,
                   _("The stored signing certificate “%s” is damaged"), chain_path);
      return NULL;
    }
  certificate = _xj_certificate_new_take (chain, n_chain);
  gnutls_free (chain);
  return certificate;
}

/* The certificate in @chain_name with its key in @key_name, if that exists. */
static XjCertificate *
read_entry (const char *dir,
            const char *chain_name,
            const char *key_name)
{
  g_autofree char *chain_path = g_build_filename (dir, chain_name, NULL);
  g_autofree char *key_path = g_build_filename (dir, key_name, NULL);
  g_autoptr(GError) error = NULL;
  XjCertificate *certificate = _xj_certificate_read_file (chain_path, &error);

  /* One damaged file does not hide the others. */
  if (certificate == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  if (g_file_test (key_path, G_FILE_TEST_IS_REGULAR))
    certificate->key_path = g_steal_pointer (&key_path);
  return certificate;
}

/* By holder, then the newest first. */
static int
compare_certificates (gconstpointer a,
                      gconstpointer b)
{
  const XjCertificate *x = *(XjCertificate * const *) a;
  const XjCertificate *y = *(XjCertificate * const *) b;
  int by_name = g_utf8_collate (x->subject_name, y->subject_name);

  if (by_name != 0)
    return by_name;
  return (y->activation > x->activation) - (y->activation < x->activation);
}

static gboolean
valid_now (const XjCertificate *certificate,
           gint64               now)
{
  return certificate->activation <= now && now <= certificate->expiry;
}

/* --- public API ------------------------------------------------------------- */

/**
 * xj_certificate_list:
 *
 * Every certificate of the data folder, by holder and newest first, with
 * or without its key.  An absent folder is an empty list.
 * Returns: (transfer full) (element-type XjCertificate): the certificates.
 */
GPtrArray *
xj_certificate_list (const char  *data_dir,
                     GError     **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) xj_certificate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) folder = NULL;
  const char *name;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_build_filename (data_dir, XJ_CERTIFICATE_KEYS_DIR, NULL);
  folder = g_dir_open (dir, 0, &local_error);
  if (folder == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&list);
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_IO,
                   _("Cannot read the folder “%s”: %s"), dir, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *key_name = NULL;
      g_autofree char *stem = NULL;
      XjCertificate *certificate;

      if (strcmp (name, LEGACY_CHAIN) == 0)
        key_name = g_strdup (LEGACY_KEY);
      else if (g_str_has_suffix (name, CHAIN_SUFFIX))
        {
          stem = g_strndup (name, strlen (name) - strlen (CHAIN_SUFFIX));
          key_name = g_strconcat (stem, KEY_SUFFIX, NULL);
        }
      else
        continue;
      certificate = read_entry (dir, name, key_name);
      if (certificate == NULL)
        continue;
      /* The legacy pair may also have been stored under its ID. */
      if (!g_hash_table_add (seen, certificate->id))
        {
          xj_certificate_free (certificate);
          continue;
        }
      g_ptr_array_add (list, certificate);
    }
  g_ptr_array_sort (list, compare_certificates);
  return g_steal_pointer (&list);
}

/* Whether the data folder holds at least one certificate that can sign. */
gboolean
xj_certificate_exists (const char *data_dir)
{
  g_autoptr(GPtrArray) list = xj_certificate_list (data_dir, NULL);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (xj_certificate_has_key (g_ptr_array_index (list, i)))
      return TRUE;
  return FALSE;
}

/**
 * xj_certificate_read:
 * @id: the certificate's ID (xj_certificate_get_id)
 *
 * Reads a stored certificate; needs no passphrase.
 * Returns: (transfer full): the certificate, or %NULL with @error set.
 */
XjCertificate *
xj_certificate_read (const char  *data_dir,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((list = xj_certificate_list (data_dir, error)) == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (strcmp (((XjCertificate *) g_ptr_array_index (list, i))->id, id) == 0)
      return g_ptr_array_steal_index (list, i);
  g_set_error_literal (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NOT_FOUND,
                       _("This signing certificate is not in the data folder (it was removed)"));
  return NULL;
}

/**
 * xj_certificate_find_for_person:
 * @name: the holder, as the report names them
 *
 * The certificate that signs for @name: the newest of theirs that is
 * valid now and has its key.
 * Returns: (transfer full): the certificate, or %NULL with @error set
 * (%XJ_CERTIFICATE_ERROR_NOT_FOUND, or %XJ_CERTIFICATE_ERROR_EXPIRED).
 */
XjCertificate *
xj_certificate_find_for_person (const char  *data_dir,
                                const char  *name,
                                GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = xj_clock_now ();
  gboolean expired = FALSE;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((list = xj_certificate_list (data_dir, error)) == NULL)
    return NULL;
  /* Newest first: the first that fits is the one. */
  for (guint i = 0; i < list->len; i++)
    {
      XjCertificate *certificate = g_ptr_array_index (list, i);

      if (!xj_certificate_is_held_by (certificate, name) || certificate->key_path == NULL)
        continue;
      if (valid_now (certificate, now))
        return g_ptr_array_steal_index (list, i);
      expired = TRUE;
    }
  if (expired)
    g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_EXPIRED,
                 _("The signing certificate of %s is no longer valid: create a new one for %s "
                   "(Preferences → Signing Certificates)"), name, name);
  else
    g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_NOT_FOUND,
                 _("There is no signing certificate for %s in this data folder: create one for "
                   "%s or import theirs (Preferences → Signing Certificates)"), name, name);
  return NULL;
}

/**
 * xj_certificate_check_holder:
 * @holder: the person a new certificate would be in the name of
 * @passphrase: (nullable): what the user typed as @holder's passphrase
 *
 * Whether a new certificate may be added in @holder's name on this laptop:
 * always when no certificate of theirs has a usable key here; otherwise
 * only with the passphrase of one of those keys, so that on a shared laptop
 * no one adds a certificate that signs as someone else.
 * Returns: %TRUE, or %FALSE with @error set
 * (%XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE when the passphrase unlocks none).
 */
gboolean
xj_certificate_check_holder (const char  *data_dir,
                             const char  *holder,
                             const char  *passphrase,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  gboolean held = FALSE;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (holder != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((list = xj_certificate_list (data_dir, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      XjCertificate *certificate = g_ptr_array_index (list, i);
      g_autoptr(XjSigner) signer = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!xj_certificate_is_held_by (certificate, holder) || certificate->key_path == NULL)
        continue;
      signer = xj_certificate_load (data_dir, certificate->id, passphrase, &local_error);
      if (signer != NULL)
        return TRUE;
      /* A damaged key signs for no one: only a key that the passphrase
       * would open stands in the way. */
      held |= g_error_matches (local_error, XJ_CERTIFICATE_ERROR,
                               XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE);
    }
  if (held)
    g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE,
                 _("Only %s can add a certificate in their name: this is not the passphrase "
                   "of their current certificate"), holder);
  return !held;
}

/**
 * xj_certificate_remove:
 *
 * Deletes a certificate and its key, for good: only on the user's explicit
 * request.  Reports it signed still verify as intact, but no longer as
 * signed by its holder on this computer.
 */
gboolean
xj_certificate_remove (const char  *data_dir,
                       const char  *id,
                       GError     **error)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *chain_name = NULL;
  g_autofree char *chain_path = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((certificate = xj_certificate_read (data_dir, id, error)) == NULL)
    return FALSE;
  dir = g_build_filename (data_dir, XJ_CERTIFICATE_KEYS_DIR, NULL);
  chain_name = g_strconcat (id, CHAIN_SUFFIX, NULL);
  chain_path = g_build_filename (dir, chain_name, NULL);
  if (!g_file_test (chain_path, G_FILE_TEST_EXISTS))
    {
      g_free (chain_path);
      chain_path = g_build_filename (dir, LEGACY_CHAIN, NULL);
    }
  /* The key first: a certificate left without it only verifies. */
  if ((certificate->key_path != NULL && g_unlink (certificate->key_path) != 0 && errno != ENOENT)
      || (g_unlink (chain_path) != 0 && errno != ENOENT))
    {
      int saved_errno = errno;

      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_IO,
                   _("Cannot remove the certificate of %s: %s"), certificate->subject_name,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * xj_certificate_remove_held:
 * @passphrase: (nullable): what the user typed as the key's passphrase
 *
 * xj_certificate_remove() on a shared laptop: a certificate with its key
 * goes only with that key's passphrase, so that no one removes someone
 * else's to put one of their own in its place (a certificate without its
 * key signs nothing and goes without).
 */
gboolean
xj_certificate_remove_held (const char  *data_dir,
                            const char  *id,
                            const char  *passphrase,
                            GError     **error)
{
  g_autoptr(XjCertificate) certificate = NULL;
  g_autoptr(XjSigner) signer = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((certificate = xj_certificate_read (data_dir, id, error)) == NULL)
    return FALSE;
  if (certificate->key_path != NULL
      && (signer = xj_certificate_load (data_dir, id, passphrase, &local_error)) == NULL
      && g_error_matches (local_error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE))
    {
      g_set_error (error, XJ_CERTIFICATE_ERROR, XJ_CERTIFICATE_ERROR_WRONG_PASSPHRASE,
                   _("Only %s can remove their certificate: this is not its passphrase"),
                   certificate->subject_name);
      return FALSE;
    }
  return xj_certificate_remove (data_dir, id, error);
}

static void
team_certificate_free (gpointer data)
{
  XjTeamCertificate *certificate = data;

  g_free (certificate->sha256);
  g_free (certificate->pem);
  g_free (certificate);
}

/**
 * xj_certificate_list_for_team:
 *
 * The member's own signing certificates (those whose key is in @data_dir),
 * public part only, as joining a team registers them.
 *
 * Returns: (transfer full) (element-type XjTeamCertificate):
 */
GPtrArray *
xj_certificate_list_for_team (const char  *data_dir,
                              GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func (team_certificate_free);

  if (!xj_certificate_exists (data_dir))
    return g_steal_pointer (&own);
  if ((list = xj_certificate_list (data_dir, error)) == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      XjCertificate *certificate = g_ptr_array_index (list, i);
      XjTeamCertificate *entry;

      if (!xj_certificate_has_key (certificate))
        continue;
      entry = g_new0 (XjTeamCertificate, 1);
      entry->sha256 = g_strdup (xj_certificate_get_id (certificate));
      entry->pem = xj_certificate_dup_pem (certificate);
      g_ptr_array_add (own, entry);
    }
  return g_steal_pointer (&own);
}
