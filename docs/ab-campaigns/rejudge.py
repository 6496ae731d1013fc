#!/usr/bin/env python3
"""Re-judges kept A/B rounds (the stats.json files of an ab-campaign.sh run, e.g. from the tars here) on
their first BLOCKS blocks, the way the simulations' AbJudge does: BlockedRounds' estimate (the F test
with p > 0.25 pooling forks and rounds, else the forks' 2(k-1) degrees of freedom), VerdictRule with
T = 20 %, a p99 regressed only with its p95, and Outcome.of (an inconclusive p95/p99 alone does not
make a run inconclusive). The first b blocks of a run are exactly the rounds a b-block run records.
On the 20 comparisons of 2026-12-07-aa-g12 judged on all their blocks it agrees with the Java verdict
every time. Needs scipy.

    python3 rejudge.py 'aa-g12-*-ConcurrentUsersSimulation.stats.json' 8
"""
import json, sys, glob, math, re
from scipy import stats as st
def estimate(z,k):
    B=len(z); F=2*k
    fm=[sum(z[b][f] for b in range(B))/B for f in range(F)]
    bm=[sum(z[b])/F for b in range(B)]
    g=sum(bm)/B
    A=sum(fm[:k])/k; Bs=sum(fm[k:])/k; d=Bs-A
    ssr=sum((z[b][f]-bm[b]-fm[f]+g)**2 for b in range(B) for f in range(F)); dfr=(B-1)*(F-1)
    ssf=sum(B*(fm[f]-(A if f<k else Bs))**2 for f in range(F)); dff=F-2
    sc=2.0/(k*B)
    msf=ssf/dff; msr=ssr/dfr
    p=1-st.f.cdf(msf/msr,dff,dfr)
    if p>0.25: se=math.sqrt(sc*(ssf+ssr)/(dff+dfr)); df=dff+dfr
    else: se=math.sqrt(sc*msf); df=dff
    t975=st.t.ppf(.975,df); t80=st.t.ppf(.8,df)
    return math.exp(d), math.exp(d-t975*se), math.exp(d+t975*se), (math.exp((t975+t80)*se)-1)*100, df, p, math.sqrt(msr)
def load(f, metric='clientP50Micros', blocks=None):
    d=json.load(open(f)); ab=d['ab']; k=ab['forksPerSide']; B=ab['blocks']
    z=[[0]*(2*k) for _ in range(B)]; n=[[0]*(2*k) for _ in range(B)]
    for r in ab['rounds']:
        z[r['block']][r['forkIndex']]+=math.log(r[metric]); n[r['block']][r['forkIndex']]+=1
    z=[[z[b][f]/n[b][f] for f in range(2*k)] for b in range(B)]
    if blocks: z=z[blocks[0]:blocks[1]]
    return z,k
MET=[('client p50','clientP50Micros',True),('client p95','clientP95Micros',True),('client p99','clientP99Micros',True),
     ('server total p50','serverTotalP50Micros',True),('server total p95','serverTotalP95Micros',True),('server total p99','serverTotalP99Micros',True),
     ('server model p50','serverModelP50Micros',True),('server model p95','serverModelP95Micros',True),('server model p99','serverModelP99Micros',True),
     ('throughput','throughputPerSecond',False),('server CPU per decision','cpuMicrosPerDecision',True)]
def judge(f,blocks,T=0.2):
    ab=json.load(open(f))['ab']; k=ab['forksPerSide']
    out={}
    for name,key,hw in MET:
        z=[[0]*(2*k) for _ in range(ab['blocks'])]; n=[[0]*(2*k) for _ in range(ab['blocks'])]; bad=False
        for r in ab['rounds']:
            v=r.get(key)
            if not v or v<=0: bad=True; break
            z[r['block']][r['forkIndex']]+=math.log(v); n[r['block']][r['forkIndex']]+=1
        if bad: out[name]=('not enough data',None); continue
        z=[[z[b][i]/n[b][i] for i in range(2*k)] for b in range(blocks)]
        ratio,lo,hi,mde,df,p,_=estimate(z,k)
        w,wl,wh=(ratio,lo,hi) if hw else (1/ratio,1/hi,1/lo)
        v='regressed' if w>1+T and wl>1 else 'improved' if w<1/(1+T) and wh<1 else 'inconclusive' if wh>1+T else 'unchanged'
        out[name]=(v,(w,wl,wh,mde))
    for name in list(out):
        if name.endswith('p99') and out[name][0]=='regressed':
            p95=out[name[:-3]+'p95']
            if not(p95[1] and p95[1][1]>1): out[name]=('inconclusive',out[name][1])
    vs=[v for v,_ in out.values()]
    # Outcome.of: an inconclusive tail (p95/p99) does not make a run inconclusive
    body=[v for k,(v,_) in out.items() if not (k.endswith('p95') or k.endswith('p99'))]
    oc='regressed' if 'regressed' in vs else 'inconclusive' if 'inconclusive' in body else 'improved' if 'improved' in vs else 'unchanged'
    return oc,out
if __name__=='__main__':
    pat,blocks=sys.argv[1],int(sys.argv[2])
    for f in sorted(glob.glob(pat), key=lambda s:int(re.findall(r'-(\d+)-[A-Z]',s)[0])):
        oc,out=judge(f,blocks)
        print(f.split('/')[-1][:40], oc, 'client p50 %.3f [%.3f %.3f] mde %.1f'%out['client p50'][1], [k for k,(v,_) in out.items() if v=='regressed'])
