# Writes what `paralint man` and `paralint completion bash|zsh` print into OUTPUT_DIR, and
# the man page gzipped as Debian policy asks (gzip -9n).
# Usage: cmake -DPARALINT=... -DOUTPUT_DIR=... -DGZIP=... -P generate_cli_docs.cmake
file(MAKE_DIRECTORY ${OUTPUT_DIR})
foreach(output IN ITEMS "paralint.1;man" "paralint.bash;completion;bash" "_paralint;completion;zsh")
  list(POP_FRONT output file)
  execute_process(COMMAND ${PARALINT} ${output} OUTPUT_FILE ${OUTPUT_DIR}/${file} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "paralint ${output} failed (${status})")
  endif()
endforeach()
execute_process(COMMAND ${GZIP} -9nc ${OUTPUT_DIR}/paralint.1 OUTPUT_FILE ${OUTPUT_DIR}/paralint.1.gz
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip failed (${status})")
endif()
