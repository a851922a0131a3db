"""Installs a tc egress filter that drops every packet on DEV (clsact + a direct-action eBPF program, as CNI
network policy does), then exits; the filter stays with the interface. Run inside the namespace (ip netns exec
gives it its own mount namespace, so the bpf filesystem mounted here is private and goes away with it).
This kernel has no act_gact or matchall, hence the tiny eBPF program: r0 = TC_ACT_SHOT (2); exit.
--neigh IP MAC first adds a permanent neighbour entry: the filter drops ARP too, and a policy that drops IP
traffic leaves ARP alone, so without it the datagrams would wait (and die) in an unresolved neighbour's queue."""
import ctypes, os, struct, subprocess, sys, tempfile
dev, args = sys.argv[1], sys.argv[2:]
if "--neigh" in args:
    ip, mac = args[args.index("--neigh") + 1:args.index("--neigh") + 3]
    subprocess.run(["ip", "neigh", "replace", ip, "lladdr", mac, "dev", dev, "nud", "permanent"], check=True)
libc = ctypes.CDLL(None, use_errno=True)
SYS_BPF, BPF_PROG_LOAD, BPF_OBJ_PIN, SCHED_CLS = 321, 5, 6, 3
insns = struct.pack("<BBhi", 0xb7, 0, 0, 2) + struct.pack("<BBhi", 0x95, 0, 0, 0)
insn_buf = ctypes.create_string_buffer(insns, len(insns))
license = ctypes.create_string_buffer(b"GPL")
attr = ctypes.create_string_buffer(128)
struct.pack_into("<IIQQ", attr, 0, SCHED_CLS, 2, ctypes.addressof(insn_buf), ctypes.addressof(license))
struct.pack_into("16s", attr, 48, b"nbr_h6b_drop")
fd = libc.syscall(SYS_BPF, BPF_PROG_LOAD, attr, 128)
if fd < 0: sys.exit(f"BPF_PROG_LOAD failed: errno {ctypes.get_errno()}")
where = tempfile.mkdtemp(prefix="nbr-h6b-bpf-")
try:
    subprocess.run(["mount", "-t", "bpf", "bpf", where], check=True)
    try:
        pin = os.path.join(where, "drop").encode()
        path = ctypes.create_string_buffer(pin)
        attr = ctypes.create_string_buffer(16)
        struct.pack_into("<QI", attr, 0, ctypes.addressof(path), fd)
        if libc.syscall(SYS_BPF, BPF_OBJ_PIN, attr, 16) < 0: sys.exit(f"BPF_OBJ_PIN failed: errno {ctypes.get_errno()}")
        subprocess.run(["tc", "qdisc", "replace", "dev", dev, "clsact"], check=True)
        subprocess.run(["tc", "filter", "add", "dev", dev, "egress", "bpf", "object-pinned", pin.decode(), "da"], check=True)
    finally:
        subprocess.run(["umount", where], check=True)
finally:
    os.rmdir(where)
print("ready", flush=True)
