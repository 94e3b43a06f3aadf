#!/bin/busybox sh
# PID 1 of the bcc-ts test VM (packed into the initramfs by vm-assets.mjs; runs under busybox).
#
# The guest's root is the host's / (9p, read-only) under a tmpfs overlay, so the guest sees the
# project, node and node_modules exactly where the host has them, and anything it writes is thrown
# away. The run directory (kernel command line bcctsvm.run=DIR) is shared read-write at the same
# path: it holds cmd.sh (what to run) and receives "started" and "rc". The command's stdout and
# stderr go to /dev/hvc0, which qemu connects to the harness's pipe. Our own messages go to the
# kernel console (ttyS0, a log file on the host).
/bin/busybox --install -s /bin
export PATH=/bin

say() { echo "bcc-ts-vm init [$(cut -d' ' -f1 /proc/uptime)]: $*"; }
# poweroff -f is reboot(2) POWER_OFF (ACPI S5 on q35); reboot -f ends qemu too (-no-reboot).
halt_now() { sync; poweroff -f; sleep 3; reboot -f; }
die() { say "FATAL: $*"; halt_now; }

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

for m in $(cat /lib/modules/modules.list); do
  insmod "/lib/modules/$m.ko" || say "insmod $m failed"
done

RUN=
RW=
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    bcctsvm.run=*) RUN=${arg#bcctsvm.run=} ;;
    bcctsvm.rw=*) RW=${arg#bcctsvm.rw=} ;;
  esac
done
[ -n "$RUN" ] || die "no bcctsvm.run= on the kernel command line"

NINEP=trans=virtio,version=9p2000.L,msize=512000
# cache=loose: the host root does not change under us during a run, and it makes reads cheap.
mount -t 9p -o "$NINEP,ro,cache=loose" hostroot /mnt/host || die "cannot mount the host root over 9p"
mount -t tmpfs -o mode=0755 tmpfs /mnt/rw || die "tmpfs"
mkdir -p /mnt/rw/upper /mnt/rw/work
mount -t overlay overlay -o lowerdir=/mnt/host,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work /newroot || die "overlay"

N=/newroot
mount -t proc proc $N/proc
mount -t sysfs sysfs $N/sys
mount -t devtmpfs devtmpfs $N/dev
mkdir -p $N/dev/pts $N/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $N/dev/pts
mount -t tmpfs tmpfs $N/dev/shm
mount -t tmpfs tmpfs $N/run
mount -t tracefs tracefs $N/sys/kernel/tracing || say "no tracefs"
mount -t debugfs debugfs $N/sys/kernel/debug || say "no debugfs"
mount -t bpf bpf $N/sys/fs/bpf || say "no bpffs"
mount -t cgroup2 cgroup2 $N/sys/fs/cgroup || say "no cgroup2"
mkdir -p "$N$RUN"
# The run dir is writable and uncached: the host polls it for "started" and "rc".
mount -t 9p -o "$NINEP" rundir "$N$RUN" || die "cannot mount the run dir over 9p"
# Extra read-write shares (--rw), tagged rw0, rw1, ... in command-line order.
i=0
for d in $(echo "$RW" | tr ',' ' '); do
  mkdir -p "$N$d"
  mount -t 9p -o "$NINEP" "rw$i" "$N$d" || die "cannot mount rw$i at $d"
  i=$((i + 1))
done
ip link set lo up 2>/dev/null
# The scratch disk (BCC_TS_VM_DISK=/dev/vda in the command's env): tests skip or fail on their own
# if it is missing, so a note in the console log is enough here.
i=0
while [ ! -e /dev/vda ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
[ -e /dev/vda ] || say "no /dev/vda (virtio_blk scratch disk)"
hostname bcc-ts-vm

# virtio_console creates hvc0 as the device is probed; give devtmpfs a moment.
i=0
while [ ! -e /dev/hvc0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -e /dev/hvc0 ] || die "no /dev/hvc0 (virtio console)"
# Hold hvc0 open for the whole run: the hvc driver resets its termios on last close, and raw mode
# keeps the tty layer from turning "\n" into "\r\n" in the command's output.
exec 3>/dev/hvc0
stty -F /dev/hvc0 raw -echo

say "running $RUN/cmd.sh"
echo "$(cut -d' ' -f1 /proc/uptime)" > "$N$RUN/started"
# Through a pipe, not the tty: the command should see what it sees under CI (no colours, no
# progress redraws). The exit code is written from inside the group, before the pipe closes.
{
  chroot $N /bin/sh "$RUN/cmd.sh" </dev/null 2>&1
  echo "$?" > "$N$RUN/rc"
} | cat >&3
say "command exited with $(cat "$N$RUN/rc")"
exec 3>&-
halt_now
