# A server for ProcInspectorTest and the strace tests: one epoll fd (and a second one nested in
# it) watching a TCP listener, an accepted TCP connection, a unix listener and connection, both
# ends of a pipe, an eventfd, and a dup of the pipe's read end that is closed after it is
# registered (the item stays: its file is still open). Registrations are made through ctypes so
# that the whole 64-bit data is the test's own. It prints what it registered, one line each
# ("fd<TAB>events<TAB>data<TAB>kind<TAB>local<TAB>remote"), then "ready <pid> <epfd>", and reads
# stdin: each line "pipe" makes a pipe and registers its read end (EPOLLIN, data 0x1000 + fd), then
# prints "added <fd>"; at the end of stdin it exits. argv[1] is a folder for the unix socket.
import ctypes, os, platform, socket, sys

libc = ctypes.CDLL(None, use_errno=True)
PACK = 1 if platform.machine() in ("x86_64", "i686") else 0

class EpollEvent(ctypes.Structure):
    if PACK:
        _pack_ = 1
    _fields_ = [("events", ctypes.c_uint32), ("data", ctypes.c_uint64)]

EPOLLIN, EPOLLOUT, EPOLLRDHUP, EPOLLET, EPOLLONESHOT = 0x1, 0x4, 0x2000, 1 << 31, 1 << 30
ep = libc.epoll_create1(0)
ep2 = libc.epoll_create1(0)
lines = []

def reg(epfd, fd, events, data, kind, local="", remote=""):
    ev = EpollEvent(events, data)
    if libc.epoll_ctl(epfd, 1, fd, ctypes.byref(ev)) != 0:
        raise OSError(ctypes.get_errno(), "epoll_ctl")
    if epfd == ep:
        lines.append("%d\t%d\t%d\t%s\t%s\t%s" % (fd, events, data, kind, local, remote))

def addr(a):
    return ("[%s]:%d" % a[:2]) if ":" in a[0] else "%s:%d" % a

l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen()
reg(ep, l.fileno(), EPOLLIN, 0xdead000000000000 | l.fileno(), "tcp-listen", addr(l.getsockname()))
c = socket.create_connection(l.getsockname())
a, _ = l.accept()
reg(ep, a.fileno(), EPOLLIN | EPOLLRDHUP | EPOLLET, 0x7000000000000000 | a.fileno(), "tcp", addr(a.getsockname()), addr(a.getpeername()))
path = os.path.join(sys.argv[1], "s")
ul = socket.socket(socket.AF_UNIX)
ul.bind(path)
ul.listen()
reg(ep, ul.fileno(), EPOLLIN, 1, "unix-listen", path)
uc = socket.socket(socket.AF_UNIX)
uc.connect(path)
ua, _ = ul.accept()
reg(ep, ua.fileno(), EPOLLIN | EPOLLOUT, 0xffffffffffffffff, "unix", path)
r, w = os.pipe()
reg(ep, w, EPOLLOUT, 2, "pipe")
reg(ep, r, EPOLLIN | EPOLLET, 3, "pipe")
e = os.eventfd(0)
reg(ep, e, EPOLLIN | EPOLLONESHOT, 4, "eventfd")
reg(ep2, r, EPOLLIN, 5, "pipe")
reg(ep, ep2, EPOLLIN, 6, "epoll")
d = os.dup(r)
reg(ep, d, EPOLLIN, 7, "closed")
os.close(d)
for x in lines:
    print(x)
print("ready %d %d" % (os.getpid(), ep), flush=True)
keep = []
for cmd in sys.stdin:
    if cmd.strip() == "pipe":
        pr, pw = os.pipe()
        keep.append((pr, pw))
        reg(ep, pr, EPOLLIN, 0x1000 + pr, "pipe")
        print("added %d" % pr, flush=True)
