K=range;L=len;M=print;P=sum;R=zip;import os,math as S,random as T;T.seed(42);a=16;w,y=.85,.99
if not os.path.exists('input.txt'):import urllib.request;urllib.request.urlretrieve('https://raw.githubusercontent.com/karpathy/makemore/refs/heads/master/names.txt','input.txt')
g=[a.strip()for a in open('input.txt').read().strip().split('\n')if a.strip()];T.shuffle(g);M(f"num docs: {L(g)}");o=sorted(set(''.join(g)));r=L(o);s=L(o)+1;M(f"vocab size: {s}")
class b:
 def __init__(a,b,c=(),d=()):a.j=b;a.k=0;a.l=c;a.m=d
 def __add__(c,a):a=a if type(a)==b else b(a);return b(c.j+a.j,(c,a),(1,1))
 def __mul__(c,a):a=a if type(a)==b else b(a);return b(c.j*a.j,(c,a),(a.j,c.j))
 __pow__=lambda a,c:b(a.j**c,(a,),(c*a.j**(c-1),));n=lambda a:b(S.log(a.j),(a,),(1/a.j,));o=lambda a:b(S.exp(a.j),(a,),(S.exp(a.j),));p=lambda a:b(max(0,a.j),(a,),(float(a.j>0),));__neg__=lambda a:a*-1;__radd__=lambda a,b:a+b;__sub__=lambda a,b:a+-b;__rsub__=lambda a,b:b+-a;__rmul__=lambda a,b:a*b;__truediv__=lambda a,b:a*b**-1;__rtruediv__=lambda a,b:b*a**-1
 def q(c):
  d=[];e=set()
  def f(a):
   if a not in e:
    e.add(a)
    for g in a.l:f(g)
    d.append(a)
  f(c);c.k=1
  for b in reversed(d):
   for h,i in R(b.l,b.m):h.k+=i*b.k
d=lambda a,c,d=.08:[[b(T.gauss(0,d))for _ in K(c)]for _ in K(a)];c={'i':d(s,a),'h':d(8,a),'g':d(s,a),'c':d(a,a),'a':d(a,a),'d':d(a,a),'b':d(a,a),'e':d(64,a),'f':d(a,64)};t=[p for a in c.values()for b in a for p in b];M(f"num params: {L(t)}");f=lambda x,w:[P(a*b for a,b in R(c,x))for c in w]
def z(a):c=max(d.j for d in a);b=[(d-c).o()for d in a];f=P(b);return[e/f for e in b]
def A(x):c=(P(a*a for a in x)/L(x)+1e-5)**-.5;return[a*c for a in x]
def G(s,u,l,m):
 x=A([t+p for t,p in R(c['i'][s],c['h'][u])]);i=x;x=A(x);q=f(x,c['c']);k=f(x,c['a']);v=f(x,c['d']);l[0].append(k);m[0].append(v);n=[]
 for h in K(4):g=h*4;w=q[g:g+4];o=[a[g:g+4]for a in l[0]];r=[a[g:g+4]for a in m[0]];B=z([P(w[j]*o[t][j]for j in K(4))/2. for t in K(L(o))]);n.extend([P(B[t]*r[t][j]for t in K(L(r)))for j in K(4)])
 x=[a+b for a,b in R(f(n,c['b']),i)];i=x;x=[a+b for a,b in R(f([a.p()for a in f(A(x),c['e'])],c['f']),i)];return f(x,c['g'])
m=[0.]*L(t);v=[0.]*L(t)
for j in K(30):
 B=[r]+[o.index(a)for a in g[j%L(g)]]+[r];n=min(8,L(B)-1);C,D=[[]],[[]];H=[]
 for l in K(n):E=G(B[l],l,C,D);F=z(E);H.append(-F[B[l+1]].n())
 I=P(H)/n;I.q();N=.005*(1+S.cos(S.pi*j/30))
 for i,p in enumerate(t):m[i]=w*m[i]+(1-w)*p.k;v[i]=y*v[i]+(1-y)*p.k**2;O=m[i]/(1-w**(j+1));p.j-=N*O/((v[i]/(1-y**(j+1)))**.5+1e-8);p.k=0
 M(f"step {j+1:4d} /   30 | loss {I.j:.4f}")
M("\n--- inference (new, hallucinated names) ---")
for Q in K(20):
 C,D=[[]],[[]];u=r;J=[]
 for l in K(8):
  E=G(u,l,C,D);F=z([l/.5 for l in E]);u=T.choices(K(s),[p.j for p in F])[0]
  if u==r:break
  J.append(o[u])
 M(f"sample {Q+1:2d}: {''.join(J)}")