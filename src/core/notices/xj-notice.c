/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XjNotice: a 工作联系单, 整改通知单 or 派工单 raised from findings or seen
 * on a patrol.  This file holds the model and its vocabularies; loading and
 * saving are in xj-notice-store.c, state changes in xj-notice-lifecycle.c.
 */
#define G_LOG_DOMAIN "xj-notice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "xj-notice-private.h"
#include "xj-words.h"

G_DEFINE_FINAL_TYPE (XjNotice, xj_notice, G_TYPE_OBJECT)
G_DEFINE_QUARK (xj-notice-error-quark, xj_notice_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_NOTICE_TYPE,
  PROP_STATE,
  PROP_SITE_NAME,
  PROP_SEVERITY,
  PROP_RESPONSIBLE_PARTY,
  PROP_ADDRESSED_COMPANY,
  PROP_AREA,
  PROP_DESCRIPTION,
  PROP_DEADLINE,
  PROP_ESCALATED,
  PROP_REPEAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *id;
  const char *label;
} Word;

static const Word types[] = {
  [XJ_NOTICE_TYPE_CONTACT] = { "contact", N_("Work contact form") },
  [XJ_NOTICE_TYPE_RECTIFICATION] = { "rectification", N_("Rectification notice") },
  [XJ_NOTICE_TYPE_WORK_ORDER] = { "work_order", N_("Work order") },
};

/* The number prefixes are the initials of the Chinese names (联系, 整改,
 * 派工) that the paper forms carry; they are not translated. */
static const char *const prefixes[] = {
  [XJ_NOTICE_TYPE_CONTACT] = "LX",
  [XJ_NOTICE_TYPE_RECTIFICATION] = "ZG",
  [XJ_NOTICE_TYPE_WORK_ORDER] = "PG",
};

static const Word states[] = {
  [XJ_NOTICE_STATE_DRAFT] = { "draft", NC_("notice state", "Draft") },
  [XJ_NOTICE_STATE_ISSUED] = { "issued", NC_("notice state", "Issued") },
  [XJ_NOTICE_STATE_ACKNOWLEDGED] = { "acknowledged", NC_("notice state", "Acknowledged") },
  [XJ_NOTICE_STATE_RECTIFIED] = { "rectified", NC_("notice state", "Rectified") },
  [XJ_NOTICE_STATE_VERIFIED] = { "verified", NC_("notice state", "Verified") },
  [XJ_NOTICE_STATE_CLOSED] = { "closed", NC_("notice state", "Closed") },
};

static const Word severities[] = {
  [XJ_NOTICE_SEVERITY_LOW] = { "low", NC_("severity", "Low") },
  [XJ_NOTICE_SEVERITY_NORMAL] = { "normal", NC_("severity", "Normal") },
  [XJ_NOTICE_SEVERITY_SERIOUS] = { "serious", NC_("severity", "Serious") },
  [XJ_NOTICE_SEVERITY_SAFETY] = { "safety", NC_("severity", "Safety hazard") },
};

static const Word parties[] = {
  [XJ_RESPONSIBLE_PARTY_PROPERTY] = { "property", N_("Property company") },
  [XJ_RESPONSIBLE_PARTY_REPAIR_CREW] = { "repair_crew", N_("Repair crew") },
  [XJ_RESPONSIBLE_PARTY_OWN_WORKS] = { "own_works", N_("Own works") },
};

/* Reasons the automatic rules write; a person escalating by hand writes
 * free text, which is shown as it is. */
static const Word escalation_reasons[] = {
  { "overdue", N_("Overdue") },
  { "safety", N_("Safety hazard") },
};

/* --- helpers -------------------------------------------------------------- */

gboolean
_xj_notice_set_string (char       **field,
                       const char  *value)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* --- GObject -------------------------------------------------------------- */

static void
xj_notice_finalize (GObject *object)
{
  XjNotice *self = XJ_NOTICE (object);

  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->project_manager, g_free);
  g_clear_pointer (&self->addressed_company, g_free);
  g_clear_pointer (&self->addressed_person, g_free);
  g_clear_pointer (&self->area, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->required_action, g_free);
  g_clear_pointer (&self->issued_by, g_free);
  g_clear_pointer (&self->acknowledged_by, g_free);
  g_clear_pointer (&self->rectification_remark, g_free);
  g_clear_pointer (&self->verified_by, g_free);
  g_clear_pointer (&self->escalation_reason, g_free);
  g_clear_pointer (&self->findings, g_array_unref);
  g_clear_pointer (&self->before_photos, g_ptr_array_unref);
  g_clear_pointer (&self->after_photos, g_ptr_array_unref);

  G_OBJECT_CLASS (xj_notice_parent_class)->finalize (object);
}

static void
xj_notice_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  XjNotice *self = XJ_NOTICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case PROP_NOTICE_TYPE:
      g_value_set_int (value, self->type);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_SITE_NAME:
      g_value_set_string (value, self->site_name);
      break;
    case PROP_SEVERITY:
      g_value_set_int (value, self->severity);
      break;
    case PROP_RESPONSIBLE_PARTY:
      g_value_set_int (value, self->party);
      break;
    case PROP_ADDRESSED_COMPANY:
      g_value_set_string (value, self->addressed_company);
      break;
    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_DEADLINE:
      g_value_set_int64 (value, self->deadline);
      break;
    case PROP_ESCALATED:
      g_value_set_boolean (value, self->escalated);
      break;
    case PROP_REPEAT:
      g_value_set_boolean (value, self->repeat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
xj_notice_class_init (XjNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xj_notice_finalize;
  object_class->get_property = xj_notice_get_property;

  /* Read-only: a list row binds to them; changes go through the setters
   * (before saving) or the store (afterwards). */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, RO);
  properties[PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, "", RO);
  properties[PROP_NOTICE_TYPE] =
    g_param_spec_int ("notice-type", NULL, NULL, 0, XJ_NOTICE_N_TYPES - 1, 0, RO);
  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, 0, XJ_NOTICE_N_STATES - 1, 0, RO);
  properties[PROP_SITE_NAME] = g_param_spec_string ("site-name", NULL, NULL, "", RO);
  properties[PROP_SEVERITY] =
    g_param_spec_int ("severity", NULL, NULL, 0, XJ_NOTICE_N_SEVERITIES - 1,
                      XJ_NOTICE_SEVERITY_NORMAL, RO);
  properties[PROP_RESPONSIBLE_PARTY] =
    g_param_spec_int ("responsible-party", NULL, NULL, 0, XJ_RESPONSIBLE_N_PARTIES - 1, 0, RO);
  properties[PROP_ADDRESSED_COMPANY] =
    g_param_spec_string ("addressed-company", NULL, NULL, "", RO);
  properties[PROP_AREA] = g_param_spec_string ("area", NULL, NULL, "", RO);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, "", RO);
  properties[PROP_DEADLINE] =
    g_param_spec_int64 ("deadline", NULL, NULL, 0, G_MAXINT64, 0, RO);
  properties[PROP_ESCALATED] = g_param_spec_boolean ("escalated", NULL, NULL, FALSE, RO);
  properties[PROP_REPEAT] = g_param_spec_boolean ("repeat", NULL, NULL, FALSE, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xj_notice_init (XjNotice *self)
{
  char **strings[] = {
    &self->number, &self->site_name, &self->project_manager, &self->addressed_company,
    &self->addressed_person, &self->area, &self->description, &self->required_action,
    &self->issued_by, &self->acknowledged_by, &self->rectification_remark,
    &self->verified_by, &self->escalation_reason,
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    *strings[i] = g_strdup ("");
  self->type = XJ_NOTICE_TYPE_RECTIFICATION;
  self->severity = XJ_NOTICE_SEVERITY_NORMAL;
  self->findings = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->before_photos = g_ptr_array_new_with_free_func (g_free);
  self->after_photos = g_ptr_array_new_with_free_func (g_free);
}

/* --- vocabularies --------------------------------------------------------- */

XJ_DEFINE_WORDS (extern, xj_notice_type, XjNoticeType, types)
XJ_DEFINE_WORDS (extern, xj_notice_state, XjNoticeState, states)
XJ_DEFINE_WORDS (extern, xj_notice_severity, XjNoticeSeverity, severities)
XJ_DEFINE_WORDS (extern, xj_responsible_party, XjResponsibleParty, parties)

XJ_DEFINE_WORD_LABEL (extern, xj_notice_type, XjNoticeType, types, NULL)

const char *
xj_notice_type_get_prefix (XjNoticeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (prefixes), NULL);
  return prefixes[type];
}

XJ_DEFINE_WORD_LABEL (extern, xj_notice_state, XjNoticeState, states, "notice state")

XJ_DEFINE_WORD_LABEL (extern, xj_notice_severity, XjNoticeSeverity, severities, "severity")

XJ_DEFINE_WORD_LABEL (extern, xj_responsible_party, XjResponsibleParty, parties, NULL)

const char *
xj_notice_escalation_reason_get_label (const char *reason)
{
  int found = XJ_WORDS_FIND (escalation_reasons, reason);

  if (found >= 0)
    return _(escalation_reasons[found].label);
  return reason != NULL ? reason : "";
}

/* --- accessors ------------------------------------------------------------ */

XjNotice *
xj_notice_new (XjNoticeType type,
               gint64       site_id)
{
  XjNotice *self = g_object_new (XJ_TYPE_NOTICE, NULL);

  self->type = type;
  self->site_id = site_id;
  return self;
}

#define GETTER(Type, name, field)                                             \
  Type                                                                        \
  xj_notice_get_##name (XjNotice *self)                                       \
  {                                                                           \
    g_return_val_if_fail (XJ_IS_NOTICE (self), (Type) 0);                    \
    return self->field;                                                       \
  }

GETTER (gint64, id, id)
GETTER (const char *, number, number)
GETTER (XjNoticeType, notice_type, type)
GETTER (XjNoticeState, state, state)
GETTER (gint64, site_id, site_id)
GETTER (const char *, site_name, site_name)
GETTER (const char *, project_manager, project_manager)
GETTER (gint64, inspection_id, inspection_id)
GETTER (XjNoticeSeverity, severity, severity)
GETTER (XjResponsibleParty, responsible_party, party)
GETTER (const char *, addressed_company, addressed_company)
GETTER (const char *, addressed_person, addressed_person)
GETTER (const char *, area, area)
GETTER (const char *, description, description)
GETTER (const char *, required_action, required_action)
GETTER (gint64, deadline, deadline)
GETTER (gint64, issued_at, issued_at)
GETTER (const char *, issued_by, issued_by)
GETTER (gint64, acknowledged_at, acknowledged_at)
GETTER (const char *, acknowledged_by, acknowledged_by)
GETTER (gint64, rectified_at, rectified_at)
GETTER (const char *, rectification_remark, rectification_remark)
GETTER (gint64, verified_at, verified_at)
GETTER (const char *, verified_by, verified_by)
GETTER (gint64, closed_at, closed_at)
GETTER (gboolean, escalated, escalated)
GETTER (gint64, escalated_at, escalated_at)
GETTER (const char *, escalation_reason, escalation_reason)
GETTER (gboolean, repeat, repeat)
GETTER (gboolean, needs_decision, needs_decision)
GETTER (GArray *, findings, findings)
GETTER (GPtrArray *, before_photos, before_photos)
GETTER (GPtrArray *, after_photos, after_photos)

#define ENUM_SETTER(Type, name, field, prop, n)                               \
  void                                                                        \
  xj_notice_set_##name (XjNotice *self,                                       \
                        Type      value)                                      \
  {                                                                           \
    g_return_if_fail (XJ_IS_NOTICE (self));                                   \
    g_return_if_fail ((guint) value < (n));                                   \
    if (self->field == value)                                                 \
      return;                                                                 \
    self->field = value;                                                      \
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);             \
  }

ENUM_SETTER (XjNoticeType, notice_type, type, PROP_NOTICE_TYPE, XJ_NOTICE_N_TYPES)
ENUM_SETTER (XjNoticeSeverity, severity, severity, PROP_SEVERITY, XJ_NOTICE_N_SEVERITIES)
ENUM_SETTER (XjResponsibleParty, responsible_party, party, PROP_RESPONSIBLE_PARTY,
             XJ_RESPONSIBLE_N_PARTIES)

#define STRING_SETTER(name, field, prop)                                      \
  void                                                                        \
  xj_notice_set_##name (XjNotice   *self,                                     \
                        const char *value)                                    \
  {                                                                           \
    g_return_if_fail (XJ_IS_NOTICE (self));                                   \
    if (_xj_notice_set_string (&self->field, value) && (prop) != PROP_0)     \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);           \
  }

STRING_SETTER (addressed_company, addressed_company, PROP_ADDRESSED_COMPANY)
STRING_SETTER (addressed_person, addressed_person, PROP_0)
STRING_SETTER (area, area, PROP_AREA)
STRING_SETTER (description, description, PROP_DESCRIPTION)
STRING_SETTER (required_action, required_action, PROP_0)

void
xj_notice_set_site_id (XjNotice *self,
                       gint64    site_id)
{
  g_return_if_fail (XJ_IS_NOTICE (self));
  self->site_id = site_id;
}

void
xj_notice_set_inspection_id (XjNotice *self,
                             gint64    inspection_id)
{
  g_return_if_fail (XJ_IS_NOTICE (self));
  self->inspection_id = inspection_id;
}

void
xj_notice_set_deadline (XjNotice *self,
                        gint64    deadline)
{
  g_return_if_fail (XJ_IS_NOTICE (self));
  if (self->deadline == deadline)
    return;
  self->deadline = deadline;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

void
xj_notice_add_finding (XjNotice *self,
                       gint64    answer_id)
{
  g_return_if_fail (XJ_IS_NOTICE (self));
  for (guint i = 0; i < self->findings->len; i++)
    if (g_array_index (self->findings, gint64, i) == answer_id)
      return;
  g_array_append_val (self->findings, answer_id);
}

static gboolean
find_photo (GPtrArray  *photos,
            const char *sha256,
            guint      *index)
{
  return g_ptr_array_find_with_equal_func (photos, sha256, g_str_equal, index);
}

void
xj_notice_add_before_photo (XjNotice   *self,
                            const char *sha256)
{
  g_return_if_fail (XJ_IS_NOTICE (self));
  g_return_if_fail (sha256 != NULL);
  if (!find_photo (self->before_photos, sha256, NULL))
    g_ptr_array_add (self->before_photos, g_strdup (sha256));
}

/**
 * xj_notice_validate:
 *
 * What a person must give before a notice is saved.  The deadline may still
 * be open on a draft; issuing asks for it.
 */
gboolean
xj_notice_validate (XjNotice  *self,
                    GError   **error)
{
  g_autofree char *description = NULL;

  g_return_val_if_fail (XJ_IS_NOTICE (self), FALSE);

  if (self->site_id <= 0)
    {
      g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                           _("Choose the site the notice is for."));
      return FALSE;
    }
  description = g_strstrip (g_strdup (self->description));
  if (self->findings->len == 0 && *description == '\0')
    {
      g_set_error_literal (error, XJ_NOTICE_ERROR, XJ_NOTICE_ERROR_INVALID,
                           _("Describe the problem: a notice without findings needs a "
                             "description."));
      return FALSE;
    }
  return TRUE;
}
