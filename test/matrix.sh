#!/bin/bash
# The version matrix: builds fms with -Werror and runs pg_regress (with the
# isolation tests) and pgTAP on the PostgreSQL versions that Debian ships
# besides the host's 15:
#   17 from Debian 13 (trixie), 18 from Debian testing,
# each in a minimal root made with debootstrap, into which apt-get installs
# that server and its headers.  Prints TAP, a line per version.
#
#   bash test/matrix.sh           # as root (or with sudo), on Debian
#
# FMS_ROOTS (default /var/tmp/fms-roots) keeps the roots between runs; a
# root is made again unless it was completed.
set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/prepare.sh

roots=${FMS_ROOTS:-/var/tmp/fms-roots}
mirror=http://deb.debian.org/debian
matrix="17:trixie 18:testing"
# The mirror may serve a Release file past its Valid-Until date.
apt_get="apt-get -o Acquire::Check-Valid-Until=false"

# The root sees the host's /proc and /dev (shared memory, /dev/null) while
# packages are installed and tests run.
mount_root() {
	as_root mount -t proc proc "$1/proc" && as_root mount --rbind /dev "$1/dev" &&
		as_root mount --make-rslave "$1/dev"
}
unmount_root() {
	as_root umount -R "$1/dev" 2>/dev/null
	as_root umount "$1/proc" 2>/dev/null
	return 0
}

# Make (or reuse) the root of a suite with PostgreSQL $major in it.
make_root() {
	local suite=$1 major=$2 root=$roots/$1 status
	[ -f "$root/fms-root-ready" ] && return 0
	as_root rm -rf "$root" && as_root mkdir -p "$roots" &&
		as_root debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$roots/$suite.debootstrap.log" 2>&1 &&
		mount_root "$root" || return 1
	as_root chroot "$root" env DEBIAN_FRONTEND=noninteractive sh -c "
		$apt_get update -qq &&
		$apt_get install -y -qq --no-install-recommends make gcc postgresql-$major postgresql-server-dev-$major \
			postgresql-$major-pgtap libtap-parser-sourcehandler-pgtap-perl &&
		touch /fms-root-ready" >"$roots/$suite.apt.log" 2>&1
	status=$?
	unmount_root "$root"
	return $status
}

# Build and test the current tree in the root; prints one summary line.
run_in_root() {
	local suite=$1 major=$2 root=$roots/$1 pg_config=/usr/lib/postgresql/$2/bin/pg_config status
	mount_root "$root" || return 1
	as_root rm -rf "$root/fms" && as_root mkdir "$root/fms" &&
		git ls-files -co --exclude-standard -z | as_root tar --null -T - -cf - | as_root tar -xf - -C "$root/fms"
	as_root chroot "$root" sh -c "
		cd /fms &&
		make -s PG_CONFIG=$pg_config PG_CFLAGS='-Wall -Wextra -Werror -Wno-unused-parameter' >build.log 2>&1 &&
		make -s PG_CONFIG=$pg_config install >>build.log 2>&1 || { echo 'build failed'; cat build.log; exit 1; }
		pg_virtualenv -v $major sh -c '
			make -s PG_CONFIG=$pg_config installcheck >regress.log 2>&1; echo \$? >regress.status
			make -s PG_CONFIG=$pg_config installcheck-pgtap >pgtap.log 2>&1; echo \$? >pgtap.status
		' >cluster.log 2>&1
		version=\$($pg_config --version)
		ok=\$(grep -cE '^ok [0-9]+ ' regress.log); bad=\$(grep -cE '^not ok [0-9]+ ' regress.log)
		tap=\$(sed -n 's/^Files=[0-9]*, Tests=\([0-9]*\),.*/\1/p' pgtap.log)
		if [ \"\$(cat regress.status 2>/dev/null)\" = 0 ] && [ \"\$(cat pgtap.status 2>/dev/null)\" = 0 ]; then
			echo \"\$version: built with -Werror; pg_regress and isolation \$ok passed; pgTAP \${tap:-0} passed\"
		else
			echo \"\$version: pg_regress and isolation \$ok passed, \$bad failed; pgTAP status \$(cat pgtap.status 2>/dev/null)\"
			grep -E '^not ok' regress.log; cat regression.diffs output_iso/regression.diffs 2>/dev/null | head -80
			grep -v '^ok' pgtap.log | head -40; tail -20 cluster.log
			exit 1
		fi"
	status=$?
	unmount_root "$root"
	return $status
}

trap 'for entry in $matrix; do unmount_root "$roots/${entry#*:}"; done' EXIT
command -v debootstrap >/dev/null || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
n=0
echo "1..$(echo $matrix | wc -w)"
for entry in $matrix; do
	major=${entry%%:*} suite=${entry#*:}
	n=$((n + 1))
	if ! make_root "$suite" "$major"; then
		echo "not ok $n - PostgreSQL $major (Debian $suite): could not make the root"
		tail -n 5 "$roots/$suite".*.log | sed 's/^/# /'
		failed=1
		continue
	fi
	out=$(run_in_root "$suite" "$major")
	status=$?
	if [ $status = 0 ]; then
		echo "ok $n - $out (Debian $suite)"
	else
		echo "not ok $n - PostgreSQL $major (Debian $suite)"
		printf '%s\n' "$out" | sed 's/^/# /'
		failed=1
	fi
done
[ "${failed:-0}" = 0 ]
