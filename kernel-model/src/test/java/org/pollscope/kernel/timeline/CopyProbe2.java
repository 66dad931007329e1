package org.pollscope.kernel.timeline;

import org.pollscope.kernel.program.*;

public class CopyProbe2 {
    public static void main(String[] a) {
        Workload w = Workload.of(200, 20, 60, 1);
        Simulation f1 = new Simulation(Programs.byName("epoll-lt"), w, false);
        Simulation f2 = new Simulation(Programs.byName("epoll-lt"), w, false);
        f1.runUntil((long) 0.6e9); f2.runUntil((long) 0.6e9);
        System.out.println("fresh eq " + f1.measures().equals(f2.measures()));
        Simulation sim = new Simulation(Programs.byName("epoll-lt"), w, false);
        sim.runUntil((long) 0.001e9);
        Simulation s2 = new WorldCopier().share(sim.program()).share(w).copy(sim);
        s2.runUntil((long) 0.6e9);
        sim.runUntil((long) 0.6e9);
        System.out.println(sim.measures());
        System.out.println(s2.measures());
    }
}
