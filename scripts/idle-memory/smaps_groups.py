import sys, re, os
pid = sys.argv[1]
exe = os.readlink(f"/proc/{pid}/exe")
# thread stacks: find from /proc/pid/task/*/stat? use [stack] & guard-adjacent anon maps heuristically
maps = []
cur = None
for line in open(f"/proc/{pid}/smaps"):
    m = re.match(r'^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$', line)
    if m:
        cur = dict(start=int(m[1],16), end=int(m[2],16), perms=m[3], name=m[4].strip(), f={})
        maps.append(cur); continue
    k, _, v = line.partition(':')
    if v.strip().endswith('kB'):
        cur['f'][k] = int(v.split()[0])
# thread stack pointers
sps = []
for t in os.listdir(f"/proc/{pid}/task"):
    try:
        fields = open(f"/proc/{pid}/task/{t}/stat").read().rsplit(')',1)[1].split()
        sps.append(int(fields[26]))  # kstkesp (often 0)
    except Exception: pass
def group(mp, i):
    n = mp['name']; p = mp['perms']
    if n == exe:
        return 'muninn ' + {'r-xp':'text', 'r--p':'rodata/relro', 'rw-p':'data'}.get(p, p)
    if n.startswith('/'):
        base = os.path.basename(n)
        for key in ['libswiftCore', 'lib_FoundationICU', 'libFoundationEssentials', 'libFoundationInternationalization', 'libFoundation.so']:
            if base.startswith(key): return key.replace('.so','') + (' text' if 'x' in p else ' data' if 'w' in p else ' ro')
        return 'other libs (' + ('text' if 'x' in p else 'data' if 'w' in p else 'ro') + ')'
    if n == '[heap]': return 'heap main arena (brk)'
    if n == '[stack]': return 'main stack'
    if n in ('[vdso]','[vvar]','[vsyscall]','[vvar_vclock]'): return 'vdso'
    # anonymous: thread stack if preceded by a ---p guard of same size-ish 
    size = mp['end']-mp['start']
    prev = maps[i-1] if i>0 else None
    if prev and prev['perms']=='---p' and prev['end']==mp['start'] and prev['name']=='' and (prev['end']-prev['start']) in (4096, 65536) and size >= 512*1024 and size<= 16<<20:
        return 'thread stacks'
    if prev and prev['perms']=='rw-p' and False: pass
    if size == 64<<20 or (mp['perms']=='rw-p' and i+1 < len(maps) and maps[i+1]['perms']=='---p' and maps[i+1]['start']==mp['end'] and (mp['end']-mp['start'])+(maps[i+1]['end']-maps[i+1]['start'])==64<<20):
        return 'malloc arena (non-main)'
    return 'other anonymous (' + p + ')'
agg = {}
for i, mp in enumerate(maps):
    g = group(mp, i)
    a = agg.setdefault(g, dict(Rss=0, Pss=0, Private_Dirty=0, Anonymous=0, Size=0, n=0))
    for k in ('Rss','Pss','Private_Dirty','Anonymous','Size'): a[k] += mp['f'].get(k,0)
    a['n'] += 1
tot = dict(Rss=0,Pss=0,Private_Dirty=0,Anonymous=0)
print(f"{'group':42} {'maps':>4} {'Size':>8} {'Rss':>7} {'Pss':>7} {'PrivDirty':>9} {'Anon':>7}  (kB)")
for g, a in sorted(agg.items(), key=lambda x: -x[1]['Rss']):
    if a['Rss']==0: continue
    print(f"{g:42} {a['n']:4} {a['Size']:8} {a['Rss']:7} {a['Pss']:7} {a['Private_Dirty']:9} {a['Anonymous']:7}")
    for k in tot: tot[k]+=a[k]
print(f"{'total':42} {'':4} {'':8} {tot['Rss']:7} {tot['Pss']:7} {tot['Private_Dirty']:9} {tot['Anonymous']:7}")
print("threads:", len(os.listdir(f"/proc/{pid}/task")), [open(f"/proc/{pid}/task/{t}/comm").read().strip() for t in sorted(os.listdir(f"/proc/{pid}/task"), key=int)])
