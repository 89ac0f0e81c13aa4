# Writes the test paths of one g_test binary, one per line, to OUT. Only
# lines that are paths count ("-l" also prints "# Start of …" comments).
execute_process(COMMAND ${TEST_BIN} -l OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TEST_BIN} -l failed")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(cases "")
foreach(line ${lines})
  if(line MATCHES "^/")
    string(APPEND cases "${line}\n")
  endif()
endforeach()
file(WRITE ${OUT} "${cases}")
