/**
 * PollScope's own live server and its mirror into the model.
 *
 * <p>For a view (the Live tab to come), the whole API:
 * <pre>{@code
 * LiveServer s = LiveServer.start(LiveConfig.of(7000, Mode.ET));   // LiveException: one line (address, port in use)
 * s.addListener(e -> queue.offer(e));        // Mirror.Event per real call: real and model result, what the
 *                                            //   model's peers were made to do, the model's TraceEvents;
 *                                            //   called on the server's thread: hand it to your own
 * s.interestLists();                         // the real one (/proc/self/fdinfo) and the model's, of one instant
 * s.mirror().divergences();                  // Mirror.Divergence: call index, call, model and real result
 * new Reproducer().write(d, dir);            // the shortest .scn that reproduces d, run on both sides
 * synchronized (s.mirror()) { draw(s.mirror().kernel()); }   // the model itself, for the kernel views
 * s.stop();                                  // closes every fd, joins every thread
 * }</pre>
 * {@link org.pollscope.probe.live.LiveLoad} runs a server under N real clients, headless
 * ({@code pollscope live --clients N}).
 */
package org.pollscope.probe.live;
