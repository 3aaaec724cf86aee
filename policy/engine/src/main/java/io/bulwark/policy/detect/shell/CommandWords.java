package io.bulwark.policy.detect.shell;

import io.bulwark.policy.detect.text.WordTable;

/** The command words {@link CommandInjectionDetector} knows, by how much evidence each needs. */
final class CommandWords {

  private CommandWords() {}

  /** Commands a payload runs and prose does not contain after a separator. */
  static final WordTable STRONG =
      new WordTable(
          "id", "whoami", "uname", "wget", "curl", "nc", "ncat", "netcat", "bash", "sh", "zsh", "ksh",
          "dash", "csh", "tcsh", "fish", "python", "python2", "python3", "perl", "ruby", "php", "lua",
          "powershell", "pwsh", "cmd", "cmd.exe", "powershell.exe", "ping", "nslookup", "dig",
          "sleep", "telnet", "ifconfig", "ipconfig", "systeminfo", "certutil", "bitsadmin", "chmod",
          "chown", "rm", "mkfifo", "busybox", "base64", "xterm", "tftp", "socat", "scp", "ssh", "sudo",
          "crontab", "useradd", "usermod", "passwd", "printenv", "env", "nohup", "awk", "gawk", "xargs",
          "netstat", "ss", "nmap", "lsof", "rundll32", "regsvr32", "mshta", "wmic", "cscript",
          "wscript", "reg", "schtasks", "tasklist", "taskkill", "net", "whoami.exe", "ipconfig.exe",
          "uname", "hostname", "ls", "cat", "pwd", "ps", "kill", "pkill", "killall", "shutdown",
          "reboot", "halt", "dd", "tar", "unzip", "gcc", "cc", "make", "java", "node", "nodejs",
          "openssl", "ftp", "sftp", "rsync", "iptables", "systemctl", "service", "mount", "sed",
          "grep", "egrep", "fgrep", "find", "head", "tail", "less", "more", "strings", "od", "xxd",
          "hexdump", "dir", "type", "echo", "printf", "touch", "mkdir", "cp", "mv", "ln", "chattr",
          "timeout", "exec", "eval", "source", "export", "unset", "alias", "history", "time",
          "ansible", "ansible-playbook", "ansible-pull", "ansible-doc", "ansible-galaxy",
          "ansible-vault", "docker", "kubectl", "git", "svn", "npm", "pip", "gem", "apt", "apt-get",
          "yum", "dnf", "apk", "brew", "at", "batch", "w", "who", "last", "finger", "uptime",
          "getent", "lsb_release", "arp", "route", "traceroute", "tracert", "host", "whois",
          "sysctl", "dmesg", "journalctl", "vi", "vim", "nano", "emacs", "ed", "expect", "tclsh",
          "wish", "jrunscript", "jshell", "groovy", "scala", "irb", "php-cgi", "msiexec", "forfiles",
          "pcalua", "bash.exe", "wsl", "copy", "del", "erase", "move", "ren", "rd", "rmdir", "md",
          "start", "call", "set", "setx", "attrib", "icacls", "cacls", "takeown", "sc", "at.exe",
          "vssadmin", "bcdedit", "diskpart", "format", "cipher", "findstr", "xcopy", "robocopy",
          "fc", "comp", "tree", "ver", "vol", "chdir", "cd", "pushd", "popd", "for", "if",
          "goto", "pause", "cls", "title", "color", "prompt", "runas", "wevtutil", "nltest", "dsquery",
          "query", "qwinsta", "quser", "gpresult", "klist", "cmdkey", "powercat", "nc.exe",
          "ncat.exe", "python.exe", "perl.exe", "wget.exe", "curl.exe", "tftp.exe", "ssh.exe",
          "chef-client", "chef-shell", "chef-run", "chef-vault", "chef-solo", "knife", "cscli", "visudo",
          "rmt", "rmt-tar", "rmt-dump", "perf", "lastlog", "lastlogin", "gunzip", "zcat", "zstdcat",
          "bsdtar", "flock", "cpulimit", "column", "fold", "comm", "base32", "bridge", "gdb", "c89",
          "c99", "strace", "ltrace", "trap", "iwr", "iex", "iwmi", "invoke-webrequest",
          "invoke-expression", "invoke-command", "invoke-wmimethod", "start-process",
          "new-object", "downloadstring", "aa-disable", "ansible-config", "ansible-console",
          "ansible-inventory", "nice", "ionice", "setsid", "unshare", "nsenter", "chroot", "bsdcat",
          "uudecode", "uuencode", "xz", "bzip2", "zip", "7z", "rar", "unrar", "cpio", "pax",
          "mysql", "psql", "sqlite3", "redis-cli", "mongo", "mongosh", "php7", "php8", "python3.10",
          "python3.11", "python3.12", "python2.7", "pip3", "easy_install", "jexec", "nmcli",
          "ip", "ifup", "ifdown", "modprobe", "insmod", "rmmod", "lsmod", "chpasswd", "adduser",
          "deluser", "userdel", "groupadd", "visudo", "shred", "wipe", "srm", "watch", "screen",
          "tmux", "script", "stdbuf", "unbuffer", "rlwrap", "mawk", "nawk", "busybox.exe", "aptitude",
          "htop", "ifconfig", "iwconfig", "uname", "hostnamectl", "lscpu", "lsblk", "lspci", "lsusb",
          "bcdboot", "bcdboot.exe", "regedit", "regedit.exe", "regini", "bootcfg");

  /**
   * Tools people quote in support tickets and chat ("ls -la output attached", "docker compose up
   * -d"): at the very start of a value they are text, not an injection (after a separator they count).
   */
  static final WordTable DEV_TOOLS =
      new WordTable(
          "ls", "git", "docker", "kubectl", "npm", "pip", "pip3", "make", "gcc", "cc", "java", "node",
          "nodejs", "tar", "unzip", "zip", "ssh", "scp", "rsync", "mysql", "psql", "sqlite3", "grep",
          "egrep", "find", "sed", "awk", "ps", "dd", "openssl", "svn", "apt", "apt-get", "yum", "dnf",
          "apk", "brew", "gem", "vi", "vim", "nano", "emacs", "systemctl", "service", "journalctl",
          "dig", "ping", "traceroute", "tracert", "nslookup", "whois", "host", "curl", "wget", "tail",
          "head", "less", "more", "cat", "echo", "printf", "cp", "mv", "rm", "mkdir", "touch", "chmod",
          "chown", "ln", "du", "df", "free", "top", "htop", "uptime", "date", "cal", "man", "which",
          "xz", "bzip2", "7z", "iptables", "ip", "ifconfig", "ipconfig", "netstat", "ss", "lsof", "mongo",
          "mongosh", "redis-cli", "python", "python3", "perl", "ruby", "php", "go", "cargo", "mvn", "gradle");

  /** Commands that run the command after them: {@code time sh -c id}, {@code nohup curl ...}. */
  static final WordTable WRAPPERS =
      new WordTable(
          "time", "nohup", "strace", "ltrace", "sudo", "timeout", "env", "exec", "xargs", "nice",
          "ionice", "setsid", "stdbuf", "unbuffer", "watch", "busybox", "command", "builtin",
          "doas", "chroot", "flock", "cpulimit");

  /**
   * Of those, the ones that are also English words: after a separator they need an argument shaped like
   * a command's.
   */
  static final WordTable EVERYDAY =
      new WordTable(
          "cat", "type", "more", "less", "find", "head", "tail", "echo", "time", "set", "start",
          "call", "copy", "move", "format", "color", "title", "prompt", "query", "tree", "make",
          "service", "host", "route", "last", "finger", "at", "batch", "w", "who", "for", "if",
          "goto", "pause", "source", "export", "history", "expect", "wish", "ed", "touch", "mount",
          "strings", "kill", "sleep", "alias", "exec", "eval", "timeout", "halt", "reboot",
          "shutdown", "ping", "dig", "arp", "gem", "apt", "brew", "git", "node", "java", "ruby",
          "python", "net", "reg", "sc", "cd", "md", "rd", "ren", "del", "erase", "vol", "ver", "fc",
          "comp", "env", "print", "printf", "grep", "sed", "vi", "nano", "emacs", "scala", "groovy",
          "docker", "npm", "pip", "ss", "od", "dd", "tar", "cc", "unset", "cp", "mv", "ln", "rm",
          "uptime", "whois", "runas", "attrib", "cipher", "cls", "chdir", "pushd", "popd", "id");
  static final WordTable CODE_EXEC =
      new WordTable(
          "system", "exec", "passthru", "shell_exec", "popen", "proc_open", "pcntl_exec", "spawn",
          "execsync", "spawnsync", "os.system", "os.popen", "subprocess.call", "subprocess.popen",
          "subprocess.run", "runtime.getruntime");

  /**
   * Tools no prose starts with, in lower case: at the start of a value they count when an option,
   * a path or a script file follows within their first three arguments ({@code ansible all -m
   * ping}, {@code chef-run all recipe.rb}). Every {@link #STRONG} word with a hyphen or a digit
   * ({@code ansible-playbook}, {@code aa-disable}, {@code python3.10}) is one as well.
   */
  static final WordTable UNMISTAKABLE =
      new WordTable(
          "ansible", "cscli", "visudo", "bsdtar", "bsdcat", "zstdcat", "busybox", "certutil",
          "bitsadmin", "powershell", "pwsh", "whoami", "uname", "ifconfig", "ipconfig", "netcat",
          "ncat", "socat", "nslookup", "systeminfo", "crontab", "useradd", "usermod", "printenv",
          "nohup", "xargs", "netstat", "nmap", "rundll32", "regsvr32", "mshta", "wmic", "cscript",
          "wscript", "schtasks", "tasklist", "taskkill", "chattr", "getent", "sysctl",
          "dmesg", "jrunscript", "jshell", "msiexec", "forfiles", "icacls", "cacls", "takeown",
          "vssadmin", "bcdedit", "bcdboot", "diskpart", "findstr", "xcopy", "robocopy", "wevtutil",
          "nltest", "dsquery", "qwinsta", "gpresult", "cmdkey", "powercat", "gunzip", "zcat",
          "cpulimit", "strace", "ltrace", "gdb", "uudecode", "uuencode", "unshare", "nsenter",
          "chroot", "modprobe", "insmod", "rmmod", "lsmod", "chpasswd", "adduser", "deluser",
          "userdel", "groupadd", "mkfifo", "telnet", "tftp", "hexdump", "xxd", "base64", "base32",
          "lsblk", "lscpu", "lspci", "lsusb", "nmcli", "iwconfig", "hostnamectl", "regedit",
          "regini", "bootcfg");

  /** Tools known by a relative path only: {@code bin/chef} is Chef Workstation, "chef" alone is a cook. */
  static final WordTable BY_PATH_ONLY =
      new WordTable(
          "chef", "inspec", "terraform", "vault", "consul", "nomad", "packer", "helm", "kubeadm");

  /** cmd.exe commands that take a switch glued to their name: {@code ipconfig/all}, {@code bcdboot/r}. */
  static final WordTable WINDOWS_SWITCHED =
      new WordTable(
          "bcdboot", "bcdedit", "ipconfig", "systeminfo", "tasklist", "taskkill", "xcopy", "robocopy",
          "attrib", "icacls", "cacls", "schtasks", "wmic", "findstr", "certutil", "bitsadmin", "cmd",
          "dir", "vssadmin", "diskpart", "cipher", "forfiles", "gpresult", "netsh", "nltest",
          "wevtutil", "regsvr32", "rundll32", "msiexec", "takeown", "whoami", "netstat", "bootcfg");
}
