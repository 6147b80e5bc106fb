#!/bin/sh
# pip without pages of warnings: quiet flags, output kept in a log; on failure the whole log is
# shown (errors always show), on success only lines that say ERROR (none, normally).
# Usage: scripts/quiet_pip.sh PIP ARGS...
pip="$1"; shift
log=$(mktemp)
PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PIP_NO_WARN_SCRIPT_LOCATION=1 \
  "$pip" install --quiet --disable-pip-version-check --progress-bar off "$@" >"$log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  echo "pip install $* failed (exit $rc):" >&2
  cat "$log" >&2
else
  grep -E '^ERROR' "$log" >&2 || true
fi
rm -f "$log"
exit $rc
