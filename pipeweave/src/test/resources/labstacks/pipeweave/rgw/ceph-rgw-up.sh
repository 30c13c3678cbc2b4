#!/usr/bin/env bash
# A throwaway single-node Ceph (one mon, one in-memory OSD, radosgw) on 127.0.0.1, every file under $1.
# Usage: ceph-rgw-up.sh DIR RGW_PORT MON_PORT OWNER_PID. Prints "ready" when the S3 endpoint answers; the
# daemons' pids go to DIR/pids (one "name pid" a line). A watchdog stops exactly those daemons once
# OWNER_PID (the test JVM) has gone, however it ended.
# Recipe: ../shared/reference/test-components.md, appendix A (Ceph 16.2.15 from Debian bookworm).
set -euo pipefail
D=$1; RGW_PORT=$2; MON_PORT=$3; OWNER_PID=$4
rm -rf "$D"; mkdir -p "$D"/{mon/ceph-a,osd/ceph-0,run,log,rgw}
touch "$D/pids"
# The watchdog outlives this script (and starts first, so a start that fails half-way is cleaned up too).
nohup bash -c '
  while kill -0 "$1" 2>/dev/null; do sleep 1; done
  # Only a pid whose command line still names this cluster directory: never a reused pid.
  while read -r name pid; do
    tr "\0" " " < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$3" && kill -9 "$pid"
  done < "$2"
' watchdog "$OWNER_PID" "$D/pids" "$D" >/dev/null 2>&1 &
FSID=$(cat /proc/sys/kernel/random/uuid)
cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon_host = v2:127.0.0.1:$MON_PORT
public_network = 127.0.0.0/8
ms_bind_ipv4 = true
ms_bind_ipv6 = false
keyring = $D/keyring
run_dir = $D/run
admin_socket = $D/run/\$name.asok
log_file = $D/log/\$name.log
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_crush_chooseleaf_type = 0
mon_max_pg_per_osd = 1000
auth_allow_insecure_global_id_reclaim = false
[mon]
mon_data = $D/mon/ceph-\$id
mon_allow_pool_delete = true
[osd]
osd_data = $D/osd/ceph-\$id
osd_objectstore = memstore
memstore_device_bytes = 1073741824
[client.rgw.a]
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw_data = $D/rgw
rgw_crypt_require_ssl = false
# SSE-KMS with a static test key: an aws:kms upload then succeeds unless a policy denies it.
rgw_crypt_s3_kms_backend = testing
rgw_crypt_s3_kms_encryption_keys = testkey-1=YmluCmJvb3N0CmJvb3N0LWJ1aWxkCmNlcGguY29uZgo=
rgw_thread_pool_size = 32
CONF
C="-c $D/ceph.conf"; K=$D/keyring
ceph-authtool --create-keyring $K --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool $K --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
ceph-authtool $K --gen-key -n osd.0 --cap mon 'allow profile osd' --cap osd 'allow *' --cap mgr 'allow profile osd' >/dev/null
ceph-authtool $K --gen-key -n client.rgw.a --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null
monmaptool --create --add a v2:127.0.0.1:$MON_PORT --fsid "$FSID" "$D/monmap" >/dev/null
ceph-mon $C --mkfs -i a --monmap "$D/monmap" --keyring $K
# -f keeps each daemon in the foreground, so $! is its real pid.
ceph-mon $C -i a -f >"$D/log/mon.out" 2>&1 & echo "mon $!" >> "$D/pids"
for i in $(seq 1 150); do timeout 5 ceph $C -s >/dev/null 2>&1 && break; sleep 0.2; done
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
ID=$(timeout 30 ceph $C osd new "$OSD_UUID")
ceph-osd $C -i "$ID" --mkfs --osd-uuid "$OSD_UUID" >/dev/null 2>&1
ceph-osd $C -i "$ID" -f >"$D/log/osd.out" 2>&1 & echo "osd $!" >> "$D/pids"
for i in $(seq 1 300); do timeout 5 ceph $C osd stat 2>/dev/null | grep -q '1 up' && break; sleep 0.2; done
radosgw $C -n client.rgw.a -f >"$D/log/rgw.out" 2>&1 & echo "rgw $!" >> "$D/pids"
# Bash's /dev/tcp instead of curl: nothing beyond the Ceph packages is needed.
for i in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/$RGW_PORT) 2>/dev/null && break; sleep 0.2; done
(exec 3<>/dev/tcp/127.0.0.1/$RGW_PORT) 2>/dev/null
timeout 30 radosgw-admin $C user create --uid=owner --display-name=owner --access-key=owner-key --secret-key=owner-secret >/dev/null
timeout 30 radosgw-admin $C user create --uid=admin2 --display-name=admin2 --access-key=admin2-key --secret-key=admin2-secret >/dev/null
echo ready
