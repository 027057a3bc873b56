#!/bin/sh
# RFC 5545 validation with libical (tests/validate/ics_check.c) of
# `gradus plan -f ics` for every example profile: a calendar of sessions
# for each plannable one, the single-VTODO calendar for a gated one.
# Usage: ics-validate.sh ICS_CHECK WORKDIR   (from the source root, $GRADUS set)
set -eu
check=$1 work=$2
mkdir -p "$work"
files=""
for cfg in profiles/examples/*.cfg; do
	name=$(basename "$cfg" .cfg)
	out="$work/$name.ics"
	code=0
	"$GRADUS" plan "$cfg" -f ics >"$out" || code=$?
	case $code in
	0 | 1[0-4]) ;;
	*) echo "$cfg: gradus exit $code"; exit 1 ;;
	esac
	files="$files $out"
done
# shellcheck disable=SC2086
"$check" $files

# The checker must pass a well-formed calendar and reject each broken
# variant of it.
head='BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:x\r\n'
stamp='DTSTAMP:20260101T000000Z\r\n'
dates='DTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260103\r\n'
tail='SUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
# shellcheck disable=SC2059
printf "$head$stamp$dates$tail" >"$work/good.ics"
"$check" "$work/good.ics"
reject() { # NAME FORMAT [ARG]: the printf output must be rejected
	name=$1
	shift
	# shellcheck disable=SC2059
	printf "$@" >"$work/bad-$name.ics"
	if "$check" "$work/bad-$name.ics" >/dev/null 2>&1; then
		echo "ics_check accepted a broken calendar: $name"
		exit 1
	fi
	echo "rejected, as it should be: $name"
}
# shellcheck disable=SC2059
reject lf-line-ends "$(printf "$head$stamp$dates$tail" | tr -d '\r')\n"
reject long-line "$head$stamp$dates"'SUMMARY:%080d\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' 0
reject split-utf8 "$head$stamp$dates"'SUMMARY:%066d\303\r\n \251\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' 0
reject dtend-before-dtstart "$head$stamp"'DTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260101\r\n'"$tail"
reject no-dtstamp "$head$dates$tail"
reject two-dtend "$head$stamp$dates"'DTEND;VALUE=DATE:20260104\r\n'"$tail"
reject parse-error "$head$stamp$dates"'NOT A PROPERTY\r\n'"$tail"
reject no-component 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n'
