R=map;E='input.txt';K=range;L=len;M=print;P=sum;import os,math as S,random as T;T.seed(42);a=16;e=4;w,y=.85,.99
if not os.path.exists(E):from urllib.request import*;urlretrieve('https://raw.githubusercontent.com/karpathy/makemore/refs/heads/master/names.txt',E)
g=open(E).read().split();T.shuffle(g);M("num docs:",L(g));o=sorted({*''.join(g)});r=L(o);s=r+1;M("vocab size:",s)
class b:
 def __init__(a,b,c=()):a.j=b;a.k=0;a.l=c
 __radd__=__add__=lambda c,a:b(c.j+(a:=[b(a),a][type(a)==b]).j,((c,1),(a,1)));__rmul__=__mul__=lambda c,a:b(c.j*(a:=[b(a),a][type(a)==b]).j,((c,a.j),(a,c.j)));__pow__=lambda a,c:b(a.j**c,((a,c*a.j**(c-1)),));n=lambda a:b(S.log(a.j),((a,1/a.j),));o=lambda a:b(c:=S.exp(a.j),((a,c),));p=lambda a:b(max(0,a.j),((a,a.j>0),));__neg__=lambda a:a*-1;__sub__=lambda a,b:a+-b;__rsub__=lambda a,b:b+-a;__truediv__=lambda a,b:a*b**-1;__rtruediv__=lambda a,b:b*a**-1
 def q(c):
  d={}
  def f(a):
   if a not in d:
    for g,_ in a.l:f(g)
    d[a]=0
  f(c);c.k=1
  for b in[*d][::-1]:
   for h,i in b.l:h.k+=i*b.k
d=lambda a,c:[[b(T.gauss(0,.08))for _ in K(c)]for _ in K(a)];c=[d(s,a),d(8,a),d(s,a),*[d(a,a)for _ in K(4)],d(64,a),d(a,64)];O,U,V,W,X,Y,Z,aa,ba=c;t=P(P(c,[]),[]);M("num params:",L(t));f=lambda x,w:[P(R(b.__mul__,c,x))for c in w]
def z(a):c=max(d.j for d in a);b=[(d-c).o()for d in a];f=P(b);return[e/f for e in b]
def A(x):c=(P(a*a for a in x)/L(x)+1e-5)**-.5;return[a*c for a in x]
def G(s,u,l,m):
 i=A([*R(b.__add__,O[s],U[u])]);x=A(i);q=f(x,W);k=f(x,X);v=f(x,Y);l+=k,;m+=v,;n=[]
 for h in K(4):g=h*e;B=z([P(q[g+j]*t[g+j]for j in K(e))/e**.5 for t in l]);n+=[P(t*a[g+j]for t,a in zip(B,m))for j in K(e)]
 i=[*R(b.__add__,f(n,Z),i)];x=[*R(b.__add__,f([a.p()for a in f(A(i),aa)],ba),i)];return f(x,V)
m=[0.]*L(t);*v,=m
for j in K(30):
 B=[r,*R(o.index,g[j%L(g)]),r];n=min(8,L(B)-1);C,D=[],[];I=P(-z(G(B[l],l,C,D))[B[l+1]].n()for l in K(n))/n;I.q();N=.005*(1+S.cos(S.pi*j/30))
 for i,p in enumerate(t):m[i]=w*m[i]+(1-w)*p.k;v[i]=y*v[i]+(1-y)*p.k**2;p.j-=m[i]/(1-w**-~j)*N/((v[i]/(1-y**-~j))**.5+1e-8);p.k=0
 M("step %4d /   30 | loss %.4f"%(j+1,I.j))
M("\n--- inference (new, hallucinated names) ---")
for Q in K(20):
 C,D=[],[];u=r;J='';l=0
 while l<8 and(u:=T.choices(K(s),[p.j for p in z([l*2 for l in G(u,l,C,D)])])[0])!=r:J+=o[u];l+=1
 M(f"sample {Q+1:2d}:",J)