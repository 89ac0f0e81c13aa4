/* cmd-export.c: `docgraph export`. */
#include "cli.h"

int
dg_cmd_export (int argc, char **argv)
{
  return DG_EXIT_OK;
}
