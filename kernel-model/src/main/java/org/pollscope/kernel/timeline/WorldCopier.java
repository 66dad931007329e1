package org.pollscope.kernel.timeline;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A deep, identity-preserving copy of a whole simulated world (a kernel with its processes,
 * files, epoll instances, wait queues, timers, and the program or scenario state driving it),
 * made by reflection so that the model needs no copy code of its own. The model keeps its
 * continuations as lambdas (timers, pending system calls, wait-queue callbacks); a capturing
 * lambda is copied by building a new instance of its class from copies of what it captured, so
 * the copy's timers act on the copy's objects.
 *
 * <p>What is shared, not copied: strings, boxed numbers, enums, classes, records (values in this
 * model: trace events, results, the scenario's statements, workloads), objects with no instance
 * state (non-capturing lambdas), and whatever {@link #share} names. JDK collections are rebuilt
 * through their public API once every element is copied (so hashing and ordering see the copies'
 * final fields); a JDK class not known here is refused with its name, never copied wrongly.
 *
 * <p>Not thread-safe; one copier may serve many copies one after the other.
 */
public final class WorldCopier {
    private static final sun.misc.Unsafe U = unsafe();

    private final Set<Object> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Field, Supplier<Object>> resets = new HashMap<>();
    private final ClassValue<Plan> plans = new ClassValue<>() {
        @Override
        protected Plan computeValue(Class<?> c) {
            return plan(c);
        }
    };

    /** {@code o} and everything it reaches is shared by the copies, never copied. */
    public WorldCopier share(Object o) {
        if (o != null) shared.add(o);
        return this;
    }

    /** Field {@code name} of class {@code c} starts afresh in a copy: it gets {@code fresh.get()}. */
    public WorldCopier reset(Class<?> c, String name, Supplier<Object> fresh) {
        try {
            resets.put(c.getDeclaredField(name), fresh);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(c.getName() + " has no field " + name, e);
        }
        plans.remove(c);
        return this;
    }

    /** What one copy made: how many objects and about how many bytes of heap. */
    public record Stats(long objects, long bytes) {}

    private Stats last = new Stats(0, 0);

    /** The size of the last copy made. */
    public Stats lastStats() {
        return last;
    }

    /** A deep copy of {@code root}. */
    @SuppressWarnings("unchecked")
    public <T> T copy(T root) {
        Job job = new Job();
        T out = (T) job.ref(root);
        job.drain();
        last = new Stats(job.objects, job.bytes);
        return out;
    }

    // ---- one copy ----

    private final class Job {
        final IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
        final ArrayDeque<Object> todo = new ArrayDeque<>();   // pairs: original, copy
        final List<Runnable> sequences = new ArrayList<>();
        final List<Runnable> hashed = new ArrayList<>();
        long objects;
        long bytes;

        Object ref(Object o) {
            if (o == null) return null;
            Object c = done.get(o);
            if (c != null) return c;
            if (shared.contains(o)) return o;
            Plan p = plans.get(o.getClass());
            if (p.kind == Kind.SHARE) return o;
            objects++;
            c = p.shell(this, o);
            bytes += p.size(o);
            return c;
        }

        void put(Object o, Object c) {
            done.put(o, c);
        }

        void fill(Object o, Object c) {
            todo.add(o);
            todo.add(c);
        }

        void drain() {
            while (!todo.isEmpty()) {
                Object o = todo.poll();
                Object c = todo.poll();
                plans.get(o.getClass()).fill(this, o, c);
            }
            sequences.forEach(Runnable::run);
            hashed.forEach(Runnable::run);
        }
    }

    // ---- plans: how each class is copied ----

    private enum Kind { SHARE, OBJECT, PRIMITIVE_ARRAY, ARRAY, LAMBDA, RECORD, JDK }

    private static final class Plan {
        Kind kind;
        long[] primOffsets = {};
        char[] primTypes = {};
        long[] refOffsets = {};
        Supplier<Object>[] refResets;
        long shallow;
        Constructor<?> lambdaCtor;
        Field[] lambdaFields;
        JdkCopy jdk;

        long size(Object o) {
            if (kind == Kind.PRIMITIVE_ARRAY || kind == Kind.ARRAY) {
                int n = Array.getLength(o);
                long each = kind == Kind.ARRAY ? 4 : elementSize(o.getClass().getComponentType());
                return 16 + n * each;
            }
            return shallow;
        }

        Object shell(Job job, Object o) {
            switch (kind) {
                case PRIMITIVE_ARRAY -> {
                    Object c = cloneArray(o);
                    job.put(o, c);
                    return c;
                }
                case ARRAY -> {
                    Object c = Array.newInstance(o.getClass().getComponentType(), Array.getLength(o));
                    job.put(o, c);
                    job.fill(o, c);
                    return c;
                }
                case OBJECT -> {
                    Object c;
                    try {
                        c = U.allocateInstance(o.getClass());
                    } catch (InstantiationException e) {
                        throw new IllegalStateException("cannot copy a " + o.getClass().getName(), e);
                    }
                    job.put(o, c);
                    job.fill(o, c);
                    return c;
                }
                // both are rebuilt through their constructor from copies of their components
                case LAMBDA, RECORD -> {
                    Object[] args = new Object[lambdaFields.length];
                    try {
                        for (int i = 0; i < args.length; i++) args[i] = job.ref(lambdaFields[i].get(o));
                        Object c = lambdaCtor.newInstance(args);
                        job.put(o, c);
                        return c;
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot copy " + (kind == Kind.LAMBDA ? "lambda " : "record ")
                            + o.getClass().getName(), e);
                    }
                }
                case JDK -> {
                    return jdk.copy(job, o);
                }
                default -> throw new IllegalStateException();
            }
        }

        void fill(Job job, Object o, Object c) {
            if (kind == Kind.ARRAY) {
                Object[] from = (Object[]) o;
                Object[] to = (Object[]) c;
                for (int i = 0; i < from.length; i++) to[i] = job.ref(from[i]);
                return;
            }
            for (int i = 0; i < primOffsets.length; i++) {
                long off = primOffsets[i];
                switch (primTypes[i]) {
                    case 'J' -> U.putLong(c, off, U.getLong(o, off));
                    case 'I' -> U.putInt(c, off, U.getInt(o, off));
                    case 'Z' -> U.putBoolean(c, off, U.getBoolean(o, off));
                    case 'D' -> U.putDouble(c, off, U.getDouble(o, off));
                    case 'F' -> U.putFloat(c, off, U.getFloat(o, off));
                    case 'S' -> U.putShort(c, off, U.getShort(o, off));
                    case 'B' -> U.putByte(c, off, U.getByte(o, off));
                    case 'C' -> U.putChar(c, off, U.getChar(o, off));
                    default -> throw new IllegalStateException();
                }
            }
            for (int i = 0; i < refOffsets.length; i++) {
                Supplier<Object> reset = refResets[i];
                U.putObject(c, refOffsets[i], reset != null ? reset.get() : job.ref(U.getObject(o, refOffsets[i])));
            }
        }
    }

    private static long elementSize(Class<?> t) {
        if (t == long.class || t == double.class) return 8;
        if (t == int.class || t == float.class) return 4;
        if (t == short.class || t == char.class) return 2;
        return 1;
    }

    private static Object cloneArray(Object o) {
        int n = Array.getLength(o);
        Object c = Array.newInstance(o.getClass().getComponentType(), n);
        System.arraycopy(o, 0, c, 0, n);
        return c;
    }

    @SuppressWarnings("unchecked")
    private Plan plan(Class<?> c) {
        Plan p = new Plan();
        if (isValue(c)) {
            p.kind = Kind.SHARE;
            return p;
        }
        if (c.isArray()) {
            p.kind = c.getComponentType().isPrimitive() ? Kind.PRIMITIVE_ARRAY
                : isValue(c.getComponentType()) && Modifier.isFinal(c.getComponentType().getModifiers()) ? Kind.PRIMITIVE_ARRAY
                : Kind.ARRAY;
            return p;
        }
        JdkCopy jdk = JDK.get(c);
        if (jdk != null) {
            p.kind = Kind.JDK;
            p.jdk = jdk;
            p.shallow = 48;
            return p;
        }
        String name = c.getName();
        if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
            throw new IllegalStateException("cannot copy a " + name + " (a JDK class the copier does not know)");
        }
        List<Field> fields = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            p.kind = Kind.SHARE;   // no state: a non-capturing lambda, a stateless strategy
            return p;
        }
        if (c.isRecord()) {
            // a record that holds a mutable object (EpollFileFd holds its OpenFile) is rebuilt
            // with copies of its components through its canonical constructor
            p.kind = Kind.RECORD;
            var comps = c.getRecordComponents();
            p.lambdaFields = new Field[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            try {
                for (int i = 0; i < comps.length; i++) {
                    p.lambdaFields[i] = c.getDeclaredField(comps[i].getName());
                    p.lambdaFields[i].setAccessible(true);
                    types[i] = comps[i].getType();
                }
                p.lambdaCtor = c.getDeclaredConstructor(types);
                p.lambdaCtor.setAccessible(true);
            } catch (NoSuchMethodException | NoSuchFieldException e) {
                throw new IllegalStateException("cannot copy record " + c.getName(), e);
            }
            p.shallow = 16 + 4L * comps.length;
            return p;
        }
        if (c.isHidden()) {
            p.kind = Kind.LAMBDA;
            fields.sort(Comparator.comparingInt(f -> Integer.parseInt(f.getName().substring(f.getName().indexOf('$') + 1))));
            for (Field f : fields) f.setAccessible(true);
            p.lambdaFields = fields.toArray(Field[]::new);
            Constructor<?> ctor = c.getDeclaredConstructors()[0];
            ctor.setAccessible(true);
            p.lambdaCtor = ctor;
            return p;
        }
        p.kind = Kind.OBJECT;
        List<Long> po = new ArrayList<>();
        StringBuilder pt = new StringBuilder();
        List<Long> ro = new ArrayList<>();
        List<Supplier<Object>> rr = new ArrayList<>();
        long size = 12;
        for (Field f : fields) {
            long off = U.objectFieldOffset(f);
            Class<?> t = f.getType();
            if (t.isPrimitive()) {
                po.add(off);
                pt.append(t == long.class ? 'J' : t == int.class ? 'I' : t == boolean.class ? 'Z' : t == double.class ? 'D'
                    : t == float.class ? 'F' : t == short.class ? 'S' : t == byte.class ? 'B' : 'C');
                size += elementSize(t);
            } else {
                ro.add(off);
                rr.add(resets.get(f));
                size += 4;
            }
        }
        p.primOffsets = po.stream().mapToLong(Long::longValue).toArray();
        p.primTypes = pt.toString().toCharArray();
        p.refOffsets = ro.stream().mapToLong(Long::longValue).toArray();
        p.refResets = rr.toArray(Supplier[]::new);
        p.shallow = (size + 7) / 8 * 8;
        return p;
    }

    private static boolean isValue(Class<?> c) {
        return c == String.class || c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class
            || c == Short.class || c == Byte.class || c == Character.class || c == Float.class || c == Class.class
            || Enum.class.isAssignableFrom(c) || c.isRecord() && valueRecord(c, new HashSet<>()) || java.nio.charset.Charset.class.isAssignableFrom(c)
            || c == java.util.regex.Pattern.class || c == java.math.BigDecimal.class || c == java.math.BigInteger.class
            || c == Object.class;
    }

    /**
     * Whether every component of record {@code c} is a value (a primitive, a string, a boxed
     * number, an enum, an array of primitives, a value record, a sealed interface of value
     * records, or a list of values): such records are shared, not copied.
     */
    private static boolean valueRecord(Class<?> c, Set<Class<?>> seen) {
        if (!seen.add(c)) return true;
        for (var rc : c.getRecordComponents()) {
            if (!valueType(rc.getGenericType(), seen)) return false;
        }
        return true;
    }

    private static boolean valueType(java.lang.reflect.Type t, Set<Class<?>> seen) {
        if (t instanceof java.lang.reflect.ParameterizedType pt) {
            Class<?> raw = (Class<?>) pt.getRawType();
            if (raw != List.class && raw != Set.class && raw != Map.class && raw != java.util.Optional.class) return false;
            for (var arg : pt.getActualTypeArguments()) if (!valueType(arg, seen)) return false;
            return true;
        }
        if (!(t instanceof Class<?> c)) return false;
        if (c.isPrimitive() || c.isArray() && c.getComponentType().isPrimitive()) return true;
        if (c == String.class || c == Integer.class || c == Long.class || c == Boolean.class || c == Double.class
            || c == Short.class || c == Byte.class || c == Character.class || c == Float.class || Enum.class.isAssignableFrom(c)) {
            return true;
        }
        if (c.isRecord()) return valueRecord(c, seen);
        if (c.isSealed()) {
            for (Class<?> sub : c.getPermittedSubclasses()) {
                if (!(sub.isRecord() ? valueRecord(sub, seen) : sub.isSealed() && valueType(sub, seen))) return false;
            }
            return true;
        }
        return false;
    }

    // ---- the JDK classes a world holds ----

    private interface JdkCopy {
        Object copy(Job job, Object o);
    }

    private static final Map<Class<?>, JdkCopy> JDK = new HashMap<>();

    /** A collection made empty now, filled once every element is copied. */
    private static <C extends Collection<Object>> JdkCopy collection(Supplier<C> make, boolean isHashed) {
        return (job, o) -> {
            C c = make.get();
            job.put(o, c);
            Object[] elements = ((Collection<?>) o).toArray();
            for (int i = 0; i < elements.length; i++) elements[i] = job.ref(elements[i]);
            (isHashed ? job.hashed : job.sequences).add(() -> Collections.addAll(c, elements));
            return c;
        };
    }

    /** A map made empty by {@code make} (from the job and the original: a TreeMap keeps its comparator), then filled once its keys are whole. */
    private static <M extends Map<Object, Object>> JdkCopy map(java.util.function.BiFunction<Job, Object, M> make) {
        return (job, o) -> {
            M m = make.apply(job, o);
            job.put(o, m);
            Map<?, ?> from = (Map<?, ?>) o;
            Object[] kv = new Object[from.size() * 2];
            int i = 0;
            for (Map.Entry<?, ?> e : from.entrySet()) {
                kv[i++] = job.ref(e.getKey());
                kv[i++] = job.ref(e.getValue());
            }
            job.hashed.add(() -> {
                for (int j = 0; j < kv.length; j += 2) m.put(kv[j], kv[j + 1]);
            });
            return m;
        };
    }

    private static void immutable(Object sample, JdkCopy how) {
        JDK.put(sample.getClass(), how);
    }

    static {
        JDK.put(ArrayList.class, collection(ArrayList::new, false));
        JDK.put(ArrayDeque.class, collection(ArrayDeque::new, false));
        JDK.put(java.util.LinkedList.class, collection(java.util.LinkedList::new, false));
        JDK.put(HashSet.class, collection(HashSet::new, true));
        JDK.put(LinkedHashSet.class, collection(LinkedHashSet::new, true));
        JDK.put(HashMap.class, map((job, o) -> new HashMap<>()));
        JDK.put(LinkedHashMap.class, map((job, o) -> new LinkedHashMap<>()));
        JDK.put(ConcurrentHashMap.class, map((job, o) -> new ConcurrentHashMap<>()));
        JDK.put(PriorityQueue.class, (job, o) -> {
            PriorityQueue<?> from = (PriorityQueue<?>) o;
            @SuppressWarnings("unchecked")
            PriorityQueue<Object> c = new PriorityQueue<>(Math.max(1, from.size()), (Comparator<Object>) job.ref(from.comparator()));
            job.put(o, c);
            Object[] elements = from.toArray();
            for (int i = 0; i < elements.length; i++) elements[i] = job.ref(elements[i]);
            job.hashed.add(() -> Collections.addAll(c, elements));
            return c;
        });
        @SuppressWarnings("unchecked")
        JdkCopy treeMap = map((job, o) -> new TreeMap<>((Comparator<Object>) job.ref(((TreeMap<?, ?>) o).comparator())));
        JDK.put(TreeMap.class, treeMap);
        JdkCopy syncList = (job, o) -> {
            List<Object> c = Collections.synchronizedList(new ArrayList<>());
            job.put(o, c);
            Object[] elements;
            synchronized (o) {
                elements = ((Collection<?>) o).toArray();
            }
            for (int i = 0; i < elements.length; i++) elements[i] = job.ref(elements[i]);
            job.sequences.add(() -> Collections.addAll(c, elements));
            return c;
        };
        JDK.put(Collections.synchronizedList(new ArrayList<>()).getClass(), syncList);
        JdkCopy immutableList = (job, o) -> {
            Object[] elements = ((List<?>) o).toArray();
            for (int i = 0; i < elements.length; i++) elements[i] = job.ref(elements[i]);
            Object c = List.of(elements);
            job.put(o, c);
            return c;
        };
        immutable(List.of(), immutableList);
        immutable(List.of(1), immutableList);
        immutable(List.of(1, 2, 3), immutableList);
        immutable(Collections.emptyList(), (job, o) -> o);
        immutable(Collections.emptyMap(), (job, o) -> o);
        immutable(Collections.emptySet(), (job, o) -> o);
        immutable(Map.of(), (job, o) -> o);
        immutable(Set.of(), (job, o) -> o);
        JDK.put(Random.class, (job, o) -> {
            Object c = serialCopy((Serializable) o);
            job.put(o, c);
            return c;
        });
        JDK.put(StringBuilder.class, (job, o) -> {
            Object c = new StringBuilder((StringBuilder) o);
            job.put(o, c);
            return c;
        });
        JDK.put(AtomicInteger.class, (job, o) -> {
            Object c = new AtomicInteger(((AtomicInteger) o).get());
            job.put(o, c);
            return c;
        });
        JDK.put(AtomicLong.class, (job, o) -> {
            Object c = new AtomicLong(((AtomicLong) o).get());
            job.put(o, c);
            return c;
        });
        JDK.put(AtomicBoolean.class, (job, o) -> {
            Object c = new AtomicBoolean(((AtomicBoolean) o).get());
            job.put(o, c);
            return c;
        });
        JDK.put(AtomicReference.class, (job, o) -> {
            AtomicReference<Object> c = new AtomicReference<>();
            job.put(o, c);
            c.set(job.ref(((AtomicReference<?>) o).get()));
            return c;
        });
    }

    private static Object serialCopy(Serializable o) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot copy a " + o.getClass().getName(), e);
        }
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
