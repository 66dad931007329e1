# The programs the strace fixtures beside this file were recorded from (see README.md).
#   threads: a worker thread registers an eventfd and writes to it while the main thread waits
#   signals: a forked child registers the pipe's write end in the epoll it shares with its parent
#            and exits (SIGCHLD); SIGALRM interrupts epoll_wait (EINTR, retried); then exit
#   serve:   a loopback echo server on epoll: listener, connections (EPOLLRDHUP|EPOLLET), MOD to
#            EPOLLOUT after a read and back, DEL at EOF; runs for argv[2] seconds
import os, select, signal, socket, sys, threading, time

mode = sys.argv[1]
ep = select.epoll()
if mode == "threads":
    r, w = os.pipe()
    ep.register(r, select.EPOLLIN)
    def worker():
        e = os.eventfd(0)
        ep.register(e, select.EPOLLIN | select.EPOLLONESHOT)
        time.sleep(0.2)
        os.eventfd_write(e, 1)
        time.sleep(0.2)
        os.write(w, b"x")
    t = threading.Thread(target=worker)
    t.start()
    ep.poll(-1)
    ep.poll(-1)
    t.join()
    os._exit(0)  # no clean-up: the interest list is still there at the log's end
elif mode == "signals":
    signal.signal(signal.SIGALRM, lambda *a: None)
    r, w = os.pipe()
    ep.register(r, select.EPOLLIN | select.EPOLLET)
    pid = os.fork()
    if pid == 0:
        ep.register(w, select.EPOLLOUT | select.EPOLLONESHOT)
        os._exit(0)
    os.waitpid(pid, 0)
    ep.poll(1)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    ep.poll(0.5)
    os._exit(0)
elif mode == "serve":
    l = socket.socket()
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("127.0.0.1", int(sys.argv[3]) if len(sys.argv) > 3 else 0))
    l.listen()
    ep.register(l.fileno(), select.EPOLLIN)
    print(l.getsockname()[1], flush=True)
    conns = {}
    end = time.time() + float(sys.argv[2])
    while time.time() < end:
        for fd, ev in ep.poll(0.5):
            if fd == l.fileno():
                c, _ = l.accept()
                c.setblocking(False)
                conns[c.fileno()] = c
                ep.register(c.fileno(), select.EPOLLIN | select.EPOLLRDHUP | select.EPOLLET)
            elif fd in conns:
                c = conns[fd]
                if ev & select.EPOLLOUT:
                    ep.modify(fd, select.EPOLLIN | select.EPOLLRDHUP | select.EPOLLET)
                    continue
                try:
                    d = c.recv(100)
                except BlockingIOError:
                    continue
                if not d:
                    ep.unregister(fd)
                    conns.pop(fd).close()
                else:
                    c.send(d)
                    ep.modify(fd, select.EPOLLIN | select.EPOLLOUT | select.EPOLLRDHUP | select.EPOLLET)
    os._exit(0)
