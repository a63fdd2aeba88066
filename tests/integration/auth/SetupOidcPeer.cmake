# Puts the test identity provider and browser driver into the build folder and installs their pinned npm
# packages with `npm ci` when node_modules is missing or older than package-lock.json. Only the npm registry
# is contacted; no browser is downloaded (playwright-core never does, and the scripts use /usr/bin/chromium).
#   cmake -DSOURCE=<tests/peers/oidc> -DDEST=<build>/tests/peers/oidc -P SetupOidcPeer.cmake
find_program(NPM npm)
find_program(NODE node)
if(NOT NPM OR NOT NODE)
  message(WARNING "node/npm not found: the sign-in integration tests will be skipped")
  return()
endif()

file(MAKE_DIRECTORY ${DEST})
foreach(f package.json package-lock.json idp.mjs browse.mjs)
  file(COPY_FILE ${SOURCE}/${f} ${DEST}/${f} ONLY_IF_DIFFERENT)
endforeach()

set(stamp ${DEST}/node_modules/.mltf-installed-package-lock.json)
if(EXISTS ${stamp})
  file(SHA256 ${stamp} installed)
  file(SHA256 ${DEST}/package-lock.json wanted)
  if(installed STREQUAL wanted)
    message(STATUS "npm packages of the test identity provider are up to date")
    return()
  endif()
endif()

message(STATUS "npm ci in ${DEST}")
execute_process(COMMAND ${NPM} ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY ${DEST} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci failed (${rc}) in ${DEST}")
endif()
file(COPY_FILE ${DEST}/package-lock.json ${stamp})
