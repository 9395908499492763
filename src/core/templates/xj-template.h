/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XJ_TEMPLATE_ERROR (xj_template_error_quark ())

typedef enum {
  XJ_TEMPLATE_ERROR_INVALID,      /* the template breaks a rule (see the message) */
  XJ_TEMPLATE_ERROR_NOT_FOUND,
  XJ_TEMPLATE_ERROR_BUILTIN,      /* built-in templates are read-only: duplicate them */
  XJ_TEMPLATE_ERROR_FILE,         /* an import file was refused; one problem per line */
} XjTemplateError;

/* The order matches the schema's CHECK list; strings via _to_string. */
typedef enum {
  XJ_RESPONSE_PASS_FAIL,
  XJ_RESPONSE_YES_NO,
  XJ_RESPONSE_RATING,
  XJ_RESPONSE_NUMBER,
  XJ_RESPONSE_STOPWATCH,
  XJ_RESPONSE_CHOICE,
  XJ_RESPONSE_TEXT,
  XJ_RESPONSE_DATETIME,
  XJ_RESPONSE_PHOTO,
  XJ_N_RESPONSE_TYPES
} XjResponseType;

typedef enum {
  XJ_OUTCOME_UNANSWERED,
  XJ_OUTCOME_PASS,
  XJ_OUTCOME_FAIL,
  XJ_OUTCOME_NA,
  XJ_OUTCOME_UNSCORED,
  XJ_N_OUTCOMES
} XjOutcome;

/* Limits the schema enforces too; the editor and the importers say them first. */
#define XJ_TEMPLATE_NAME_MAX   200
#define XJ_TEMPLATE_PROMPT_MAX 500
#define XJ_TEMPLATE_KEY_MAX    100
#define XJ_TEMPLATE_LABEL_MAX  200
#define XJ_TEMPLATE_DEADLINE_MAX 365

typedef struct {
  char     *label;
  double    score;      /* earned fraction 0..1 when chosen */
  gboolean  fails;      /* choosing it fails the item, which then earns nothing */
} XjTemplateOption;

/* Optional numbers (range_min, range_max, threshold) are NAN when unset;
 * test them with isnan(). */
typedef struct {
  gint64          id;               /* template_items.id, 0 until stored */
  char           *key;              /* stable across versions */
  char           *prompt;
  char           *guidance;
  char           *guidance_do;
  char           *guidance_dont;
  XjResponseType  type;
  char           *unit;
  double          range_min;        /* number: inclusive limits */
  double          range_max;
  double          threshold;        /* rating: minimum that passes; stopwatch: max seconds */
  gboolean        pass_answer;      /* yes_no: TRUE when “yes” passes */
  double          score_weight;
  double          failure_weight;
  gboolean        critical;
  gboolean        required;
  gboolean        photo_on_fail;
  gboolean        remark_on_fail;
  char           *notice_type;      /* NULL or "contact" | "rectification" | "work_order" */
  char           *responsible_party; /* NULL or "property" | "repair_crew" | "own_works" */
  int             deadline_days;    /* -1 when unset, else 0..365 */
  char           *category;         /* never NULL; see xj_template_get_categories() */
  GPtrArray      *options;          /* (element-type XjTemplateOption) choice only */
} XjTemplateItem;

typedef struct {
  gint64     id;                    /* template_sections.id, 0 until stored */
  char      *title;
  GPtrArray *items;                 /* (element-type XjTemplateItem) */
} XjTemplateSection;

/* One version of a template, with its content.  Plain data: safe to build
 * and read on a worker thread. */
typedef struct {
  gint64     template_id;           /* 0 until stored */
  gint64     version_id;            /* 0 until stored */
  char      *uid;                   /* NULL: one is made when stored */
  int        version;               /* 0 until stored */
  gboolean   builtin;
  gboolean   archived;
  char      *name;
  char      *description;
  char      *default_kind;          /* NULL or an inspection kind ("daily" …) */
  gint64     created_at;
  GPtrArray *sections;              /* (element-type XjTemplateSection) */
} XjTemplate;

/* What is wrong with one field, for the editor's inline messages and for
 * the importers (which turn the indices into a line or a JSON path). */
typedef struct {
  int   section;                    /* -1: the template itself */
  int   item;                       /* -1: the section itself */
  int   option;                     /* -1: not about one option */
  char *field;                      /* JSON member name: "prompt", "max", "options" … */
  char *message;                    /* what is wrong and what to do */
} XjTemplateProblem;

/* A value offered to a person, with its translated label. */
typedef struct {
  const char *id;
  const char *label;
} XjTemplateChoice;

GQuark             xj_template_error_quark        (void);

const char        *xj_response_type_to_string     (XjResponseType  type);
gboolean           xj_response_type_from_string   (const char     *text,
                                                   XjResponseType *type);
const char        *xj_response_type_get_label     (XjResponseType  type);
const char        *xj_outcome_to_string           (XjOutcome       outcome);
gboolean           xj_outcome_from_string         (const char     *text,
                                                   XjOutcome      *outcome);
const char        *xj_outcome_get_label           (XjOutcome       outcome);

const XjTemplateChoice *xj_template_get_categories    (guint *n_choices);
const XjTemplateChoice *xj_template_get_notice_types  (guint *n_choices);
const XjTemplateChoice *xj_template_get_parties       (guint *n_choices);
const XjTemplateChoice *xj_template_get_kinds         (guint *n_choices);
gboolean           xj_template_choice_is_valid    (const XjTemplateChoice *choices,
                                                   guint           n_choices,
                                                   const char     *id);

XjTemplateOption  *xj_template_option_new         (const char     *label,
                                                   double          score,
                                                   gboolean        fails);
void               xj_template_option_free        (XjTemplateOption *option);

XjTemplateItem    *xj_template_item_new           (const char     *key,
                                                   const char     *prompt,
                                                   XjResponseType  type);
XjTemplateItem    *xj_template_item_copy          (const XjTemplateItem *item);
void               xj_template_item_free          (XjTemplateItem *item);
XjOutcome          xj_template_item_evaluate      (const XjTemplateItem *item,
                                                   const char     *value,
                                                   double         *earned);
gboolean           xj_template_item_check_value   (const XjTemplateItem *item,
                                                   const char     *value,
                                                   GError        **error);

XjTemplateSection *xj_template_section_new        (const char     *title);
void               xj_template_section_free       (XjTemplateSection *section);

XjTemplate        *xj_template_new                (const char     *name);
XjTemplate        *xj_template_copy               (const XjTemplate *tmpl);
void               xj_template_free               (XjTemplate     *tmpl);
guint              xj_template_count_items        (const XjTemplate *tmpl);
XjTemplateItem    *xj_template_find_item          (const XjTemplate *tmpl,
                                                   gint64          item_id);
gboolean           xj_template_move_section       (XjTemplate     *tmpl,
                                                   guint           from,
                                                   guint           to);
gboolean           xj_template_move_item          (XjTemplate     *tmpl,
                                                   guint           from_section,
                                                   guint           from_index,
                                                   guint           to_section,
                                                   guint           to_index);
char              *xj_template_make_item_key      (const XjTemplate *tmpl);

void               xj_template_problem_free       (XjTemplateProblem *problem);
GPtrArray         *xj_template_validate           (const XjTemplate *tmpl);
gboolean           xj_template_check              (const XjTemplate *tmpl,
                                                   GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateOption, xj_template_option_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateItem, xj_template_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateSection, xj_template_section_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplate, xj_template_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XjTemplateProblem, xj_template_problem_free)

G_END_DECLS
