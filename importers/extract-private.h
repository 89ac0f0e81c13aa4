/* extract-private.h: what the extraction passes share.
 *
 * Extraction works on tokens: each word or punctuation mark of the article
 * text with its byte span and its folded form (lower case, tone marks in one
 * place), so rules compare folded words and never lose the original
 * spelling. Passes run in order (organizations, documents, officials,
 * events, relations, resolution); each records what it found as mentions in
 * the context and nodes in the graph. */
#pragma once

#include "importers-private.h"

typedef enum {
  DG_TOK_WORD = 1 << 0,  /* letters and digits */
  DG_TOK_UPPER = 1 << 1, /* first letter upper case */
  DG_TOK_CAPS = 1 << 2,  /* two or more letters, all upper case ("UBND") */
  DG_TOK_DIGIT = 1 << 3, /* starts with a digit */
  DG_TOK_PUNCT = 1 << 4, /* one punctuation mark */
  DG_TOK_BREAK = 1 << 5  /* a line break */
} DgTokFlags;

typedef struct {
  guint start;  /* first byte in the text */
  guint end;    /* one past the last byte */
  guint fold;   /* offset of the folded form in DgExtract.folds */
  guint sent;   /* sentence index */
  guint16 flags;/* DgTokFlags */
  gboolean space_before; /* white space between this token and the previous */
} DgTok;

typedef struct {
  guint t0, t1;      /* tokens [t0, t1) */
  guint start, end;  /* bytes */
  guint para;        /* paragraph (line) index */
} DgSentence;

/* What kind of thing a mention names. */
typedef enum {
  DG_M_ORG,
  DG_M_DOC,
  DG_M_PERSON,
  DG_M_EVENT,
  DG_M_PLACE,
  DG_M_N_KINDS
} DgMentionKind;

/* One occurrence of an entity in the text. */
typedef struct _DgMention DgMention;
struct _DgMention {
  DgMentionKind kind;
  guint t0, t1;          /* tokens [t0, t1) */
  DgNode *node;          /* the node it names (NULL for places) */
  const char *rule;      /* the rule that found it */
  DgMention *parent;     /* the mention this one is nested in, or NULL */
  /* Organizations */
  const char *org_kind;  /* kind column of org-heads.tsv */
  gboolean unresolved;   /* a "Tỉnh ủy" whose province the article never named */
  gboolean generic;      /* a bare head ("Ban Chỉ đạo", "Tỉnh ủy" alone) */
  char *suffix;          /* place words the article added to the label, or NULL */
  guint skip_t0, skip_t1; /* words written in the name but left out of its label */
  /* Documents */
  guint title_t0, title_t1; /* the title's tokens, when it has one */
  guint desc_end;        /* token after its date, issuer and title */
  gboolean work;         /* a book or work, not a document */
  /* Persons */
  GPtrArray *titles;     /* DgTitle*, the titles given at this mention */
  gboolean bare_title;   /* a title with no name ("đồng chí Bí thư …") */
  /* Events */
  gboolean reference;    /* a bare "hội nghị" that refers back */
};

/* One title of an official at one mention. */
typedef struct {
  char *text;       /* as written, squeezed ("Phó Bí thư Thường trực Tỉnh ủy") */
  char *role;       /* the title words alone ("Phó Bí thư Thường trực") */
  DgMention *org;   /* the organization it names, or NULL */
  guint t0, t1;     /* tokens */
  guint party_t0, party_t1; /* "Ban cán sự đảng" with no body named: the body
                             * of the next title completes it */
} DgTitle;

/* The working state of one extraction. */
typedef struct {
  DgArticle *article;   /* borrowed */
  const char *text;     /* article text */
  gsize len;            /* its length */
  GArray *toks;         /* DgTok */
  GString *folds;       /* folded forms, NUL-separated */
  GArray *sents;        /* DgSentence */
  DgGraph *graph;       /* what we build */
  GPtrArray *mentions;  /* DgMention*, owned, in text order per pass */
  GPtrArray **starts;   /* per token: DgMention* that start there, or NULL */
  guint16 *cover[DG_M_N_KINDS]; /* per kind, per token: mentions covering it */
  guint16 *title_cover; /* per token: document and event titles covering it */
  guint16 *role_cover;  /* per token: titles of officials covering it */
  GHashTable *abbrevs;  /* folded abbreviation → expansion (article's own) */
  GHashTable *org_abbrevs; /* folded "VOV" → DgNode of "Đài Tiếng nói Việt Nam (VOV)" */
  int year;             /* the article's year, 0 when unknown */
  char *province;       /* the province the article is about, or NULL */
  char *outlet_province;/* the province whose outlet published it ("baonghean",
                         * "travinh.gov.vn"), when the text names none */
  char *district;       /* the district it is about, or NULL */
  char *district_kind;  /* "huyện", "quận", "thị xã", "thành phố" */
} DgExtract;

/* ------------------------------------------------------------ tokens */

void dg_tokenize (DgExtract *x);
/* Folded form of token i; "" past the end. (transfer none) */
const char *dg_tok_fold (const DgExtract *x, guint i);
/* The token's flags; 0 past the end. */
guint dg_tok_flags (const DgExtract *x, guint i);
/* TRUE when token i folds to word. */
gboolean dg_tok_is (const DgExtract *x, guint i, const char *word);
/* TRUE when tokens from i fold to the words of phrase (space-separated). */
gboolean dg_tok_phrase (const DgExtract *x, guint i, const char *phrase);
/* Number of tokens in a folded phrase. */
guint dg_phrase_len (const char *phrase);
/* The original text of tokens [t0, t1), white space squeezed.
 * (transfer full) */
char *dg_tok_text (const DgExtract *x, guint t0, guint t1);
/* Sentence of token i. (transfer none) */
const DgSentence *dg_tok_sentence (const DgExtract *x, guint i);
guint dg_ntoks (const DgExtract *x);

/* ------------------------------------------------------------ gazetteers */

/* A phrase table: folded phrases of up to DG_PHRASE_MAX tokens. */
#define DG_PHRASE_MAX 14
typedef struct {
  GHashTable *phrases; /* folded phrase → GStrv row of the data file */
  GHashTable *firsts;  /* folded first word → bit mask of the lengths, in
                        * tokens, of the phrases it starts (bit n: n tokens) */
  guint max_len;       /* longest phrase, in tokens */
} DgPhraseTable;

/* Builds (once) the phrase table of data file name, column col as the phrase.
 * (transfer none) */
const DgPhraseTable *dg_phrases (const char *name, guint col);
/* Longest phrase of table starting at token i; its row and length, or NULL.
 * prefix, when not NULL, is a folded word put before token i. */
GStrv dg_phrase_match (const DgExtract *x, const DgPhraseTable *table, guint i,
                       const char *prefix, guint *ntoks);
/* Folds a phrase the way tokens are folded. (transfer full) */
char *dg_fold_phrase (const char *phrase);

/* The relation lexicon: data/relation-words.tsv, rows "class, phrase,
 * value", one phrase table per class. The first-word index of each class
 * is computed from its rows. */
#define DG_LEXICON_TABLE "relation-words.tsv"
/* (transfer none); aborts on a class the table does not have (a bug). */
const DgPhraseTable *dg_lexicon (const char *cls);
/* The longest phrase of class cls starting at token i: its row (the value
 * is dg_data_field (row, 2)) and length in tokens, or NULL. */
GStrv dg_lex_at (const DgExtract *x, const char *cls, guint i, guint *ntoks);
/* Length of the phrase of cls at token i, 0 when none. */
guint dg_lex_len (const DgExtract *x, const char *cls, guint i);
/* A phrase of cls that ends right before token i and starts at floor or
 * later, or NULL. */
GStrv dg_lex_before (const DgExtract *x, const char *cls, guint i, guint floor, guint *ntoks);
/* Token i moved back over phrases of cls ("đã", "vừa" before a verb). */
guint dg_lex_skip_back (const DgExtract *x, const char *cls, guint i, guint floor);
/* TRUE when a phrase of cls, as whole words, starts the folded key. */
gboolean dg_lex_prefix (const char *cls, const char *key);
/* Records that a rule used row of the lexicon (for rules that read rows
 * themselves, such as code-kind). */
void dg_lexicon_note (GStrv row);
/* Tests: record which rows of the lexicon are matched (on), or stop. */
void dg_lexicon_track (gboolean on);
gboolean dg_lexicon_row_hit (GStrv row);

/* Surname rank: 0 when word (folded) is not a family name, else 1 for the
 * most common and larger for rarer ones. */
guint dg_surname_rank (const char *fold);
/* text with the short spellings of province names written out: "Bí thư
 * Thành ủy TP.HCM" → "Bí thư Thành ủy Thành phố Hồ Chí Minh". (transfer full) */
char *dg_places_normalize (const char *text);
/* Province row by folded name or alias, or NULL. (transfer none) */
GStrv dg_province_lookup (const char *folded_name);
/* A province name starting at token i (capitalised): its row and length. */
/* Whether a folded word starts a province's name or alias. */
gboolean dg_province_first_word (const char *fold);
/* The organization whose mention ends right before token i ("Tỉnh ủy (đã)
 * tổ chức …"), adverbs and a comma skipped; NULL when none. */
DgMention *dg_org_subject_before (DgExtract *x, guint i);
GStrv dg_extract_province_at (const DgExtract *x, guint i, guint *len);

/* ------------------------------------------------------------ passes */

DgMention *dg_mention_new (DgExtract *x, DgMentionKind kind, guint t0, guint t1,
                           const char *rule);
void dg_mention_free (DgMention *m);
/* Sets a document's or event's title range, keeping the coverage counts. */
void dg_mention_set_title (DgExtract *x, DgMention *m, guint t0, guint t1);
/* Marks the tokens of an official's title, so that organizations named in
 * it are known to be there. */
void dg_mark_role (DgExtract *x, guint t0, guint t1);
/* Mentions that start at token i, oldest first; NULL when none.
 * (transfer none) */
GPtrArray *dg_mentions_at (const DgExtract *x, guint i);
/* The longest mention of kind starting at token i, or NULL. */
DgMention *dg_mention_at (const DgExtract *x, DgMentionKind kind, guint i);
/* TRUE when a mention of kind covers token i. */
gboolean dg_covered (const DgExtract *x, DgMentionKind kind, guint i);
/* TRUE when a mention of kind covers token i without starting there. */
gboolean dg_inside (const DgExtract *x, DgMentionKind kind, guint i);
/* TRUE when a document's or event's title covers token i. */
gboolean dg_in_title (const DgExtract *x, guint i);
/* TRUE when an official's title covers token i. */
gboolean dg_in_role (const DgExtract *x, guint i);
/* Drops the mention's bookkeeping; for rollback. */
void dg_mention_unindex (DgExtract *x, DgMention *m);
guint dg_mention_start (const DgExtract *x, const DgMention *m);
guint dg_mention_end (const DgExtract *x, const DgMention *m);

/* Dates: parses a date at token i ("30/3/2023", "30-3-2023", "30 tháng 3 năm
 * 2023", "18/8"); ISO string and the token after it, or NULL. With
 * year_hint > 0 a date without a year takes it. (transfer full) */
char *dg_parse_date (const DgExtract *x, guint i, int year_hint, guint *end);

void dg_extract_context (DgExtract *x);
void dg_extract_organizations (DgExtract *x);
void dg_extract_documents (DgExtract *x);
void dg_extract_officials (DgExtract *x);
void dg_extract_events (DgExtract *x);
void dg_extract_relations (DgExtract *x);

/* Organization parsing, for titles ("Trưởng ban Nội chính Trung ương").
 * Parses an organization at token i; prefix is a folded head word taken
 * from the title ("ban"). Returns the mention (added to the graph) or NULL. */
DgMention *dg_org_parse_at (DgExtract *x, guint i, const char *prefix,
                            const char *prefix_label, guint *end);
/* The organization mention covering token i, or NULL. */
DgMention *dg_org_at (DgExtract *x, guint i);
/* Person-name run at token i: capitalised syllables, 2–5 of them, with a
 * family name first when require_surname; returns the length or 0. */
guint dg_name_at (const DgExtract *x, guint i, gboolean require_surname);
/* Org node for a canonical label ("Tỉnh ủy Kiên Giang"), created if new. */
DgNode *dg_org_node (DgExtract *x, const char *label, const char *level,
                     gboolean unresolved);
/* The key of an organization named label: folded, abbreviations expanded,
 * canonical variants unified. (transfer full) */
char *dg_org_key (DgExtract *x, const char *label);

/* A point to go back to when a rule looked ahead and found nothing: the
 * mentions, nodes and edges made since are dropped. */
typedef struct {
  guint mentions; /* count of mentions then */
  guint nodes;    /* count of nodes then */
  guint edges;    /* count of edges then */
} DgCheckpoint;
void dg_checkpoint (DgExtract *x, DgCheckpoint *cp);
void dg_rollback (DgExtract *x, const DgCheckpoint *cp);

/* Mentions of kind, in text order. (transfer container) */
GPtrArray *dg_mentions_of (DgExtract *x, DgMentionKind kind);

/* ------------------------------------------------------------ relations
 *
 * The relation layer is a list of formulas (extract-relations.c), each one
 * function registered with its name and the formula it reads; the words
 * they look for are rows of the lexicon. The functions live by family in
 * extract-rel-events.c, extract-rel-issuers.c, extract-rel-chains.c and
 * extract-rel-bodies.c. */

/* How far a rule looks around its words, in tokens: sentences of crawled
 * pages can be whole pages long. */
#define DG_WINDOW 60

/* An "issuing" verb with the documents after it and the organizations
 * that issue them: "Ban Thường vụ Tỉnh ủy (đã) ban hành Kế hoạch …",
 * "Y triển khai X bằng Z". Found once, read by several formulas. */
typedef struct {
  guint verb, verb_len;  /* the verb's tokens */
  gboolean by;           /* "bằng": the documents after it carry out those before */
  guint before;          /* the token before the verb, adverbs skipped */
  GPtrArray *objects;    /* DgMention*: the documents issued */
  GPtrArray *subjects;   /* DgMention*: who issues them (may be empty) */
} DgIssueSite;

/* What the formulas of one article share. */
typedef struct {
  GPtrArray *events;     /* DgMention*, text order */
  GPtrArray *docs;
  GPtrArray *persons;
  GPtrArray *orgs;
  GArray *sites;         /* DgIssueSite */
  GHashTable *organized; /* event mentions that have their organizer */
} DgRelations;

/* A formula: it reads r and adds edges whose rule is named after rule (its
 * registered name; see dg_rel_edge). */
typedef void (*DgRelationFunc) (DgExtract *x, DgRelations *r, const char *rule);
typedef struct {
  const char *name;    /* "implements.lead": the edge type it mostly gives, and the formula */
  const char *formula; /* the words it reads, as the genre writes them */
  DgRelationFunc run;
} DgRelationRule;
/* The formulas in the order they run, ending with { NULL }. */
extern const DgRelationRule dg_relation_rules[];

/* An edge of type whose evidence is the sentence of token at; its rule is
 * "<type>.<formula>" for the formula of rule ("issued-by.signed" from
 * "authored-by.signed"). */
DgEdge *dg_rel_edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst,
                     const char *role, guint at, const char *rule);
gboolean dg_rel_has_edge (DgExtract *x, DgEdgeType type, DgNode *src, DgNode *dst);
/* Issued-by, when the document has no issuer yet; the document takes the
 * issuer's level. */
void dg_rel_issue (DgExtract *x, DgMention *d, DgNode *org, guint at, const char *rule);
/* Outermost mentions of kind with t0 in [t0, t1), in text order, the
 * longest first where several start together. (transfer container) */
GPtrArray *dg_rel_outer_in (DgExtract *x, DgMentionKind kind, guint t0, guint t1);
/* The look-around window of a rule at token at, within its sentence. */
guint dg_rel_lo (const DgSentence *s, guint at);
guint dg_rel_hi (const DgSentence *s, guint at);
/* TRUE when the mention lies inside a document's name or an official's
 * titles: "Bộ Ngoại giao" of "Bộ trưởng Ngoại giao Bùi Thanh Sơn" is not
 * the subject of its sentence. */
gboolean dg_rel_inside_other (DgExtract *x, const DgMention *m);
/* Where the titles given with a person mention end. */
guint dg_rel_person_end (const DgMention *p);
/* Documents of a list starting at token i: "A, B và C". (transfer container) */
GPtrArray *dg_rel_doc_list_at (DgExtract *x, guint i, guint limit);
/* The subject before a verb: the organizations whose mention ends at
 * token before, with those joined to them ("Ban Tuyên giáo Trung ương và
 * Ban Tổ chức Trung ương"), or the one a leading "Thay mặt X," names.
 * (transfer container) */
GPtrArray *dg_rel_subjects_before (DgExtract *x, const DgSentence *s, guint before);
/* A carrying-out verb at token i, after an optional lead ("về việc",
 * "nhằm"): its length in tokens (lead included) and the relation it gives,
 * or 0. */
guint dg_rel_carry_at (const DgExtract *x, guint i, DgEdgeType *relation);
/* A carrying-out verb that ends right before token i, within 3 tokens
 * ("… để thực hiện Công điện số …"): TRUE and its relation. */
gboolean dg_rel_carried_before (const DgExtract *x, guint i, guint floor, DgEdgeType *relation);
