/* cmd-stats.c: `docgraph stats`. */
#include "cli.h"

int
dg_cmd_stats (int argc, char **argv)
{
  return DG_EXIT_OK;
}
