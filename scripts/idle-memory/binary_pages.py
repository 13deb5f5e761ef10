# Resident pages of the muninn binary by ELF section, and text by symbol's module.
import sys, os, re, struct, subprocess, collections
pid = sys.argv[1]
exe = os.readlink(f"/proc/{pid}/exe"); elf = f"/proc/{pid}/exe"
base = None
for l in open(f"/proc/{pid}/maps"):
    a, perms, off, dev, ino, *name = l.split()
    if name and name[0] == exe and int(off,16) == 0:
        base = int(a.split('-')[0],16)
pm = open(f"/proc/{pid}/pagemap", 'rb')
def resident(vaddr_lo, vaddr_hi):
    lo = (base + vaddr_lo) // 4096; hi = (base + vaddr_hi + 4095) // 4096
    pm.seek(lo*8); data = pm.read((hi-lo)*8)
    return [lo*4096 - base + i*4096 for i in range(hi-lo) if struct.unpack_from('<Q', data, i*8)[0] >> 63]
secs = []
for l in subprocess.run(["readelf","-SW",elf],capture_output=True,text=True).stdout.splitlines():
    m=re.match(r'\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)',l)
    if m and int(m[2],16) and int(m[4],16): secs.append((m[1], int(m[2],16), int(m[4],16)))
seen=set()
print("section                 size KB  resident KB")
for n,a,s in secs:
    r = [p for p in resident(a, a+s) if p not in seen]; seen.update(r)
    if r or s>100000: print(f"{n:24} {s//1024:8} {len(r)*4:8}")
# text pages by module of the symbols covering them
text = [x for x in secs if x[0]=='.text'][0]
res = set(resident(text[1], text[1]+text[2]))
syms = []
out = subprocess.run(["nm","-S","--defined-only",elf],capture_output=True,text=True).stdout
for l in out.splitlines():
    p = l.split()
    if len(p) >= 4 and p[2] in 'tTwW':
        syms.append((int(p[0],16), int(p[1],16), p[3]))
syms.sort()
dem = {}
def module(name):
    m = re.match(r'^\$s(\d+)([A-Za-z_][A-Za-z0-9_]*)', name)
    if m:
        n=int(m[1]); return m[2][:n]
    if name.startswith('$s'):
        return 'swift(other)'
    if 'boringssl' in name.lower() or name.startswith('CNIOBoringSSL') or name.startswith('CCryptoBoringSSL'): return 'BoringSSL'
    if name.startswith('sqlite3'): return 'sqlite3(C)'
    return 'C/other:' + (name.split('_')[0][:20])
page_mods = collections.defaultdict(collections.Counter)
mod_size = collections.Counter()
for a, s, n in syms:
    md = module(n); mod_size[md] += s
    for pg in range(a//4096, (a+s-1)//4096+1):
        if pg*4096 in res: page_mods[pg][md] += min(a+s, (pg+1)*4096) - max(a, pg*4096)
mod_res = collections.Counter()
for pg, c in page_mods.items():
    tot = sum(c.values())
    for md, b in c.items(): mod_res[md] += 4096*b/tot
# collapse C names
agg = collections.Counter(); aggsz = collections.Counter()
for md in set(mod_size)|set(mod_res):
    k = md if not md.startswith('C/other') else 'C/other'
    if md.startswith('C/other:CNIOBoringSSL') or md.startswith('C/other:CCryptoBoringSSL'): k='BoringSSL'
    agg[k]+=mod_res[md]; aggsz[k]+=mod_size[md]
print(f"\n.text resident {len(res)*4} KB of {text[2]//1024} KB; by module (resident KB / code KB):")
for k,v in agg.most_common(40): print(f"  {k:34} {v/1024:8.0f} {aggsz[k]/1024:8.0f}")
