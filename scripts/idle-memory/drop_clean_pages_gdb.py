# Emit gdb commands that MADV_DONTNEED every read-only file mapping without anonymous (COW) pages.
import sys, re
pid = sys.argv[1]
cur = None; maps = []
for line in open(f"/proc/{pid}/smaps"):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$', line)
    if m: cur = dict(s=int(m[1],16), e=int(m[2],16), p=m[3], ino=int(m[4]), n=m[5]); maps.append(cur); continue
    if line.startswith('Anonymous:'): cur['anon'] = int(line.split()[1])
out = ["set confirm off"]
for mp in maps:
    if mp['ino'] and mp['n'].startswith('/') and mp['p'] in ('r-xp', 'r--p') and mp['anon'] == 0 and not mp['n'].startswith('/dev/'):
        out.append(f"call (int)madvise((void*){mp['s']:#x}, {mp['e']-mp['s']}, 4)")
print("\n".join(out))
