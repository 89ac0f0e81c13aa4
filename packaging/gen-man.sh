#!/bin/sh
# gen-man.sh DOCGRAPH OUT: writes the man page docgraph(1) from the help
# texts the binary prints (docgraph --help, docgraph CMD --help), so that
# the page says what the program says. Run by the build (CMakeLists.txt).
set -eu
bin=$1
out=$2
version=$("$bin" --version | sed 's/^docgraph //')

# Help text → roff: backslashes doubled, lines that start with . or ' kept
# as text, "-" as a minus sign in options.
roff () {
  sed -e 's/\\/\\e/g' -e 's/^\([.'"'"']\)/\\\&\1/' -e 's/-/\\-/g'
}

commands=$("$bin" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }')

{
  printf '.TH DOCGRAPH 1 "" "docgraph %s" "User Commands"\n' "$version"
  printf '.SH NAME\ndocgraph \\- the graph of Vietnamese party and government news articles\n'
  printf '.SH SYNOPSIS\n.B docgraph\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]\n.br\n'
  printf '.B docgraph help\n\\fICOMMAND\\fR\n'
  printf '.SH DESCRIPTION\n.nf\n'
  "$bin" --help | roff
  printf '.fi\n'
  for cmd in $commands; do
    printf '.SH "DOCGRAPH %s"\n.nf\n' "$(echo "$cmd" | tr a-z A-Z)"
    "$bin" "$cmd" --help | roff
    printf '.fi\n'
  done
  cat <<'ROFF'
.SH ENVIRONMENT
.TP
.B DOCGRAPH_DB
The database when \-\-db is not given (default: docgraph.db in the working directory).
.TP
.B DOCGRAPH_DATA_DIR
A folder of TSV files that add rows to the data tables of the same name
(see share/docgraph/data/README.md).
.TP
.B COLUMNS
The width tables are fitted to.
.SH EXIT STATUS
0 on success, 1 on a run\-time error (a bad file, an unknown name, nothing
found), 2 on a usage error (a wrong option, a name that fits several nodes).
.SH FILES
.TP
.I share/docgraph/data/*.tsv
The built\-in data tables, as a reference (the binary has them compiled in).
ROFF
} > "$out"
