# Writes the test paths of one g_test binary, one per line, to OUT.
execute_process(COMMAND ${TEST_BIN} -l OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TEST_BIN} -l failed")
endif()
string(REGEX REPLACE "\n$" "" out "${out}")
file(WRITE ${OUT} "${out}\n")
