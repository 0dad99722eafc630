# syntax=docker/dockerfile:1
# Build stage: the same Maven build as on a developer machine, tests left to CI. The local repository is a build
# cache, so a change to the sources downloads no dependency again. The production jar leaves out the embedded
# PostgreSQL binaries (the development default when no database is configured): a deployment always names one.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Dspring-boot.excludeGroupIds=io.zonky.test.postgres package

# The jar's layers (Spring Boot's layertools): dependencies change rarely, the application often, so an image
# update ships mostly the application layer.
FROM eclipse-temurin:17.0.13_11-jre AS layers
WORKDIR /layers
COPY --from=build /src/app/target/token-ledger.jar token-ledger.jar
RUN java -Djarmode=tools -jar token-ledger.jar extract --layers --launcher --destination extracted

# Runtime stage: a JRE and the layers, run as an unprivileged user.
FROM eclipse-temurin:17.0.13_11-jre
RUN useradd --system --uid 10001 --home-dir /app ledger \
 && mkdir -p /var/lib/token-ledger && chown 10001 /var/lib/token-ledger
WORKDIR /app
COPY --from=layers /layers/extracted/dependencies/ ./
COPY --from=layers /layers/extracted/spring-boot-loader/ ./
COPY --from=layers /layers/extracted/snapshot-dependencies/ ./
COPY --from=layers /layers/extracted/application/ ./
USER 10001
# 8080: OAuth2 and the ledger's APIs; 9000: actuator (health, info, prometheus), for the operator's network only.
EXPOSE 8080 9000
# No curl in the image: bash's /dev/tcp asks the health endpoint. Healthy is a 200: UP, or DEGRADED (a streaming
# projection retrying), which still serves tokens; DOWN answers 503.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/9000 && printf "GET /actuator/health HTTP/1.0\r\n\r\n" >&3 && head -1 <&3 | grep -q " 200 "'
# TrimNativeHeapInterval: every 5 s the JVM hands back to the system the memory glibc keeps after the JIT's and the
# drivers' short-lived allocations, ~20 MB of resident memory (docs/operations.md, "Memory"; JDK 17.0.11 and later).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:TrimNativeHeapInterval=5000", "org.springframework.boot.loader.launch.JarLauncher"]
