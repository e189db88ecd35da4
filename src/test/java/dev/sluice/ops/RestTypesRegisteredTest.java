package dev.sluice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The native image serializes only what is registered for reflection, and Quarkus can register
 * only what it sees in a REST method's signature. So every REST method must declare its body type
 * (no raw {@link Response}, no {@code Map<String, Object>}), and every sluice type reachable from it
 * must carry {@link RegisterForReflection}.
 */
class RestTypesRegisteredTest {

    @Test
    void everyTypeReachableFromARestMethodIsAJdkTypeOrRegisteredForReflection() {
        List<String> problems = new ArrayList<>();
        Set<Type> seen = new HashSet<>();
        List<Class<?>> resources = resources();
        assertThat(resources).hasSizeGreaterThanOrEqualTo(5);
        for (Class<?> resource : resources) {
            for (Method method : resource.getDeclaredMethods()) {
                if (isRestMethod(method)) {
                    check(method.getGenericReturnType(), resource.getSimpleName() + "#" + method.getName(), seen, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesAnUnregisteredRecordInsideACollection() {
        record Unregistered(int n) {
        }
        List<String> problems = new ArrayList<>();
        check(new ParameterizedType() {

            @Override
            public Type[] getActualTypeArguments() {
                return new Type[]{Unregistered.class};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        }, "probe", new HashSet<>(), problems);
        assertThat(problems).singleElement().asString().contains("Unregistered");
    }

    private static List<Class<?>> resources() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sluice").stream()
                .filter(c -> c.isAnnotatedWith(Path.class)).<Class<?>>map(c -> c.reflect()).toList();
    }

    private static boolean isRestMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }

    private static void check(Type type, String where, Set<Type> seen, List<String> problems) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            if (raw.getName().startsWith("dev.sluice")) {
                check(raw, where, seen, problems);
            }
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (raw.equals(java.util.Map.class) && argument.equals(Object.class)) {
                    problems.add(where + ": Map<?, Object> hides what it holds");
                }
                check(argument, where, seen, problems);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                check(bound, where, seen, problems);
            }
        } else if (type instanceof GenericArrayType array) {
            check(array.getGenericComponentType(), where, seen, problems);
        } else if (type instanceof Class<?> clazz) {
            if (clazz.isArray()) {
                check(clazz.getComponentType(), where, seen, problems);
            } else if (clazz.equals(Response.class)) {
                problems.add(where + ": returns a raw Response; declare the body type (RestResponse<T>)");
            } else if (clazz.equals(Object.class)) {
                problems.add(where + ": returns Object");
            } else if (!clazz.isPrimitive() && !clazz.getName().startsWith("java.")
                    && !clazz.getName().startsWith("org.jboss.resteasy.reactive.RestResponse")) {
                if (!clazz.isAnnotationPresent(RegisterForReflection.class)) {
                    problems.add(where + ": " + clazz.getName() + " is not registered for reflection");
                }
                if (clazz.isRecord()) {
                    for (RecordComponent component : clazz.getRecordComponents()) {
                        check(component.getGenericType(), where + " > " + clazz.getSimpleName(), seen, problems);
                    }
                }
            }
        }
    }
}
