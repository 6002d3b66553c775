#!/usr/bin/env bash
# Write the prep sheet for every group's next meeting to a dated Markdown file.
#
#   examples/weekly-prep.sh [OUT_DIR]          (default: ~/peertool-prep)
#
# From cron, every Monday at 07:00 (cron's PATH is short: name peertool in full):
#   0 7 * * 1  PEERTOOL=/home/coach/.venv/bin/peertool /home/coach/weekly-prep.sh /home/coach/prep
#
# The sheets hold participants' names: they are written private (umask 077).
# A group whose program year is over is skipped with a message; any other
# failure stops the script with peertool's exit code.
set -euo pipefail
peertool="${PEERTOOL:-peertool}"
out_dir="${1:-$HOME/peertool-prep}"
umask 077
mkdir -p "$out_dir"
today="$(date +%F)"

"$peertool" group list --json \
  | python3 -c 'import json, sys; [print(g["id"]) for g in json.load(sys.stdin)]' \
  | while read -r group_id; do
      sheet="$out_dir/$today-group-$group_id.md"
      if "$peertool" prep "$group_id" --date "$today" --format markdown > "$sheet.tmp"; then
        mv "$sheet.tmp" "$sheet"
        echo "wrote $sheet" >&2
      else
        status=$?
        rm -f "$sheet.tmp"
        [ "$status" -eq 1 ] || exit "$status"
        echo "skipped group $group_id (no meeting left to prepare)" >&2
      fi
    done
