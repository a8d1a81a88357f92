#!/usr/bin/env python3
"""How far can these labels take a learned model? (A research check, not part of the product.)

Trains a bag-of-words logistic regression (word unigrams and bigrams) on the development
corpora OPP-115 and MAPP themselves and scores it by 5-fold cross-validation grouped by policy,
with the labels mapped as in tools/examples/policy_quality.rs and the decision threshold picked with
hindsight on the test folds (an optimistic ceiling). Nothing is saved: OPP-115 and MAPP are
research-only, so no weights trained on them may ship. Python 3 standard library only.

    python3 scripts/claims-ceiling.py DATA_DIR     # about three minutes

DATA_DIR holds opp115-sentences.train.jsonl and the MAPP files; they are not in this repository.
"""
import json, re, math, random, collections, sys, os
if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
    sys.exit('usage: claims-ceiling.py DATA_DIR (a folder with the OPP-115 and MAPP research corpora; '
             'they are not in this repository)')
D=sys.argv[1].rstrip('/')+'/'
def rows():
    out=[]
    for l in open(D+'opp115-sentences.train.jsonl'):
        r=json.loads(l); labs=set(r['labels'])
        g=set()
        if 'third_party_sharing' in r['risk']: g.add('tps')
        if 'merger_transfer' in r['risk']: g.add('bt')
        unclear=set()
        if 'negative_promise' in r['risk']:
            if any(x.startswith('Third Party') for x in labs): g.add('nsp')
            else: unclear.add('nsp')
        out.append(('opp',r['policy_id'],r['language'],r['text'],g,unclear))
    for l in open(D+'mapp-segments.train.jsonl'):
        r=json.loads(l); g=set(); unclear=set()
        if r['language'] not in ('en','de'): continue
        if 'third_party_sharing' in r['risk']: g.add('tps')
        elif 'third_party' in r['risk']:
            if any('Shared by first party' in v for v in r['values']): g.add('tps')
            else: unclear.add('tps')
        if 'merger_transfer' in r['risk']: g.add('bt')
        if 'negative_promise' in r['risk']:
            if any(x.startswith('Third Party') for x in r['categories']): g.add('nsp')
            else: unclear.add('nsp')
        out.append(('mapp',r['policy_id'],r['language'],r['text'],g,unclear))
    return out
def feats(t):
    w=re.findall(r'\w+',t.lower())
    f=set(w)|{a+' '+b for a,b in zip(w,w[1:])}
    return f
def train(X,Y,epochs=8,lr=0.2,l2=1e-5):
    w=collections.defaultdict(float); b=0.0
    idx=list(range(len(X)))
    pos=sum(Y); wpos=(len(Y)-pos)/max(pos,1)
    wpos=min(wpos,5)
    for e in range(epochs):
        random.shuffle(idx)
        for i in idx:
            z=b+sum(w[f] for f in X[i]); z=max(-30,min(30,z))
            p=1/(1+math.exp(-z)); g=(p-Y[i])*(wpos if Y[i] else 1)
            b-=lr*g
            for f in X[i]: w[f]-=lr*(g+l2*w[f])
        lr*=0.7
    return w,b
def score(w,b,x): return b+sum(w.get(f,0) for f in x)
random.seed(1)
R=rows()
for lang in ['en','de']:
    rs=[r for r in R if r[2]==lang]
    groups=sorted({(r[0],r[1]) for r in rs}); random.shuffle(groups)
    fold={g:i%5 for i,g in enumerate(groups)}
    X=[feats(r[3]) for r in rs]
    for cat in ['tps','bt','nsp']:
        sc=[None]*len(rs)
        for k in range(5):
            tr=[i for i,r in enumerate(rs) if fold[(r[0],r[1])]!=k and cat not in r[5]]
            w,b=train([X[i] for i in tr],[cat in rs[i][4] for i in tr])
            for i,r in enumerate(rs):
                if fold[(r[0],r[1])]==k: sc[i]=score(w,b,X[i])
        ev=[(sc[i], cat in r[4]) for i,r in enumerate(rs) if cat not in r[5]]
        best=(0,0,0,0)
        for th in [x/4 for x in range(-8,17)]:
            tp=sum(1 for s,g in ev if s>th and g); fp=sum(1 for s,g in ev if s>th and not g); fn=sum(1 for s,g in ev if s<=th and g)
            p=tp/max(tp+fp,1); rr=tp/max(tp+fn,1); f=2*p*rr/max(p+rr,1e-9)
            if f>best[0]: best=(f,p,rr,th)
        print(lang,cat,'gold',sum(g for _,g in ev),'bestF1 %.3f P %.3f R %.3f th %.2f'%best, flush=True)
