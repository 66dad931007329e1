package org.pollscope.kernel.timeline;

import org.pollscope.kernel.program.*;

public class CopyProbe {
    public static void main(String[] a) {
        for (String prog : new String[] {"select", "epoll-lt"}) for (int n : new int[] {200, 10000}) {
            Workload w = Workload.of(n, Math.min(n, 20), 60, 1);
            Simulation sim = new Simulation(Programs.byName(prog), w, false);
            long t0 = System.nanoTime();
            sim.runUntil((long) 0.5e9);
            long run = System.nanoTime() - t0;
            WorldCopier c = new WorldCopier().share(sim.program()).share(w);
            Simulation s2 = null;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                s2 = c.copy(sim);
                best = Math.min(best, System.nanoTime() - t);
            }
            s2.runUntil((long) 0.6e9);
            sim.runUntil((long) 0.6e9);
            System.out.printf("%s n=%d run0.5s=%dms copy=%.2fms objects=%d bytes=%d eq=%s %s%n", prog, n, run / 1000000, best / 1e6,
                c.lastStats().objects(), c.lastStats().bytes(), sim.measures().equals(s2.measures()), sim.measures());
        }
    }
}
