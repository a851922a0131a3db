using System.Text.RegularExpressions;

namespace NetBufRules.Policy;

/// <summary>
/// Which extra folders a repository config may let fixes write: a drop-in folder under /etc (its last part ends in
/// '.d', e.g. /etc/nginx/conf.d/), canonical, and none whose files run code or grant rights (sudoers.d, cron.d,
/// profile.d, systemd, udev, apt, modprobe.d, ...).
/// </summary>
internal static partial class FixDirectoryRule
{
    [GeneratedRegex(@"^/etc/([A-Za-z0-9_+-][A-Za-z0-9._+-]*/)*[A-Za-z0-9_+-][A-Za-z0-9._+-]*\.d/$", RegexOptions.CultureInvariant)]
    private static partial Regex DropInFolder();

    /// <summary>Folders (and their subfolders) whose files are run, loaded as code, or decide who may do what.</summary>
    public static readonly IReadOnlyList<string> RunsCode =
    [
        "/etc/sudoers", "/etc/cron", "/etc/anacron", "/etc/profile", "/etc/bash", "/etc/zsh", "/etc/init", "/etc/rc", "/etc/ld.so", "/etc/pam",
        "/etc/security/", "/etc/apt/", "/etc/yum", "/etc/dnf/", "/etc/dpkg/", "/etc/rpm/", "/etc/modprobe", "/etc/modules-load", "/etc/depmod", "/etc/udev/",
        "/etc/logrotate", "/etc/ssh/", "/etc/NetworkManager/", "/etc/network/", "/etc/dhcp/", "/etc/update-motd", "/etc/kernel/", "/etc/polkit",
        "/etc/binfmt", "/etc/X11/", "/etc/xdg/", "/etc/systemd/", "/etc/tmpfiles", "/etc/environment", "/etc/sysusers", "/etc/ppp/", "/etc/grub",
        "/etc/default/", "/etc/initramfs", "/etc/dracut", "/etc/selinux/", "/etc/apparmor", "/etc/audit/", "/etc/rsyslog", "/etc/syslog-ng/", "/etc/cloud/",
        "/etc/containers/", "/etc/docker/", "/etc/sysctl.d/", "/etc/needrestart/", "/etc/git", "/etc/python", "/etc/perl", "/etc/php", "/etc/gdb",
        "/etc/emacs", "/etc/vim", "/etc/skel/", "/etc/login", "/etc/nsswitch", "/etc/sudo",
        // Defence in depth only (red team, round 2): each of these runs a command from a drop-in (a supervisor
        // program, a monit check, a zabbix UserParameter, a collectd Exec, a telegraf exec input, a fish conf.d
        // script, an OpenVPN or resolvconf hook, an acpi event action, a pm sleep hook, a libvirt hook) or exports a
        // file system. No list is complete, so 'fix --apply' never writes into any folder a config adds (FixPlanner.ExportOnly):
        // this list only keeps lint and run from accepting the worst of them at all.
        "/etc/supervisor", "/etc/monit", "/etc/zabbix/", "/etc/collectd", "/etc/telegraf/", "/etc/fish/", "/etc/openvpn/",
        "/etc/acpi/", "/etc/pm/", "/etc/resolvconf/", "/etc/libvirt/", "/etc/exports", "/etc/wireguard/", "/etc/keepalived/",
        "/etc/xinetd", "/etc/inetd", "/etc/dbus-1/", "/etc/kubernetes/", "/etc/containerd/", "/etc/crio/", "/etc/cni/",
        "/etc/nagios", "/etc/icinga", "/etc/munin/", "/etc/netdata/", "/etc/sv/", "/etc/runit/", "/etc/s6", "/etc/ssl/",
        "/etc/ca-certificates", "/etc/postgresql/", "/etc/salt/", "/etc/puppet", "/etc/chef/", "/etc/ansible/", "/etc/ufw/",
        "/etc/nftables", "/etc/iptables/", "/etc/firewalld/", "/etc/wpa_supplicant/", "/etc/snmp/",
    ];

    /// <summary>Why a config may not add <paramref name="dir"/>, or null when it may.</summary>
    public static string? Check(string dir)
    {
        if (dir.Any(char.IsControl)) return "has a control character";
        if (!DropInFolder().IsMatch(dir) || dir.Split('/').Any(p => p is "." or ".."))
            return "is not a drop-in folder under /etc (an absolute, canonical path whose last part ends in '.d', ending in '/')";
        var hit = RunsCode.FirstOrDefault(p => dir.StartsWith(p, StringComparison.Ordinal));
        return hit is null ? null : $"is under {hit}, whose files run code, load modules or grant rights";
    }
}
