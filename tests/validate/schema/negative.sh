#!/bin/sh
# Test 'schema-reject': proves that the schema test can fail. Each file in
# bad/ is a document from good/ with one deliberate mistake (its name says
# which); validate.sh must accept the good/ files and reject every bad/ one.
# Run from the source root.
set -eu
cd "${GRADUS_SRC:-$(dirname "$0")/../../..}"

dir=tests/validate/schema
fail=0
for kind in plan screening; do
	schema=docs/schema/gradus-$kind-1.schema.json
	echo "== $schema: $dir/good/$kind*.json must be valid"
	"$dir/validate.sh" "$schema" "$dir"/good/"$kind"*.json || fail=1
	set -- "$dir"/bad/"$kind"-*.json
	if ! [ -f "$1" ]; then
		echo "FAIL: no $dir/bad/$kind-*.json"
		fail=1
		continue
	fi
	echo "== $schema: the $# files $dir/bad/$kind-*.json must be rejected"
	"$dir/validate.sh" --invalid "$schema" "$@" || fail=1
done
exit $fail
