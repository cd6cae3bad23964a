package io.millrace.firehose.destination.redshift;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.DestinationException;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.retry.DeliveryAttempt;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One delivery attempt to a Redshift destination, loaded into PostgreSQL (which Redshift's protocol descends from):
 * the whole batch goes into {@code DataTableName} ({@code DataTableColumns}) with one {@code COPY ... FROM STDIN}
 * in one transaction, through the PostgreSQL JDBC driver's copy API. Where AWS stages the batch in S3 and COPYs it
 * from there, Millrace streams the same bytes, so no staging object is written.
 *
 * <p>The {@code ClusterJDBCURL} {@code jdbc:redshift://host:port/db} (or {@code jdbc:postgresql://...}) becomes
 * {@code jdbc:postgresql://host:port/db}; a configured {@code redshiftEndpoint} replaces host and port, because the
 * model only accepts Redshift host names. Records are the COPY input concatenated, as they would be in the staged
 * object: text or CSV rows, or with {@code JSON 'auto'} JSON objects whose keys name the columns (Millrace turns
 * them into CSV rows; nested values are loaded as their JSON text). Failures are retryable
 * {@code Redshift.CopyFailed} [UNVERIFIED code]. Immutable and thread-safe; one connection per attempt.
 */
public final class RedshiftAttempt implements DeliveryAttempt {
    public static final String ERROR_CODE = "Redshift.CopyFailed";
    /** {@code jdbc:redshift://host:port/database} or the postgresql form, optionally with a query string. */
    public static final Pattern JDBC_URL = Pattern.compile(
            "jdbc:(redshift|postgresql)://([^:/?]+):(\\d{1,5})/([^?]+)(\\?.*)?");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = new JsonFactory();

    private final RedshiftSettings settings;
    private final CopyOptions copy;
    private final String jdbcUrl;
    private final boolean appendNewline;

    public RedshiftAttempt(RedshiftSettings settings, S3Settings staging, String endpointOverride) {
        this.settings = settings;
        this.copy = CopyOptions.parse(settings.copyOptions());
        this.jdbcUrl = postgresUrl(settings.clusterJDBCURL(), endpointOverride);
        this.appendNewline = staging.appendsDelimiter();
    }

    /** The PostgreSQL JDBC URL a {@code ClusterJDBCURL} connects to. */
    public static String postgresUrl(String clusterJdbcUrl, String endpointOverride) {
        Matcher url = JDBC_URL.matcher(clusterJdbcUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("ClusterJDBCURL: " + clusterJdbcUrl
                    + " (expected: jdbc:redshift://host:port/database)");
        }
        String hostPort = endpointOverride != null ? endpointOverride : url.group(2) + ":" + url.group(3);
        return "jdbc:postgresql://" + hostPort + "/" + url.group(4);
    }

    @Override
    public void attempt(DeliveryBatch batch, String requestId) throws DestinationException {
        Properties properties = new Properties();
        if (settings.username() != null) {
            properties.setProperty("user", settings.username());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("connectTimeout", "30");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            connection.setAutoCommit(false);
            try {
                byte[] input = copy.json() ? jsonAsCsv(connection, batch) : concatenated(batch);
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql(), new ByteArrayInputStream(input));
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | IOException | RuntimeException e) {
            throw new DestinationException(ERROR_CODE, "COPY into " + settings.dataTableName() + " failed: "
                    + e.getMessage(), true, e);
        }
    }

    private String copySql() {
        String columns = settings.dataTableColumns() == null || settings.dataTableColumns().isBlank() ? ""
                : " (" + settings.dataTableColumns() + ")";
        return "COPY " + settings.dataTableName() + columns + " FROM STDIN WITH (" + copy.postgresOptions() + ")";
    }

    private byte[] concatenated(DeliveryBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BufferedRecord record : batch.records()) {
            out.writeBytes(record.data());
            if (appendNewline) {
                out.write('\n');
            }
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
            out.write('\n');
            return out.toByteArray();
        }
        return bytes;
    }

    /** Every JSON object in the concatenated records as one CSV row of the target columns. */
    private byte[] jsonAsCsv(Connection connection, DeliveryBatch batch) throws SQLException, IOException {
        List<String> columns = columns(connection);
        StringWriter csv = new StringWriter();
        try (JsonParser parser = JSON.createParser(concatenated(batch))) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new IOException("JSON 'auto' expects JSON objects, found " + parser.currentToken());
                }
                JsonNode object = MAPPER.readTree(parser);
                csv.append(row(object, columns)).append('\n');
            }
        }
        return csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String row(JsonNode object, List<String> columns) throws IOException {
        Map<String, JsonNode> byKey = new HashMap<>();
        object.fields().forEachRemaining(field -> byKey.put(copy.ignoreCase()
                ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey(), field.getValue()));
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            String column = columns.get(i);
            JsonNode value = byKey.get(copy.ignoreCase() ? column.toLowerCase(Locale.ROOT) : column);
            if (value != null && !value.isNull()) {
                String text = value.isValueNode() ? value.asText() : MAPPER.writeValueAsString(value);
                row.append('"').append(text.replace("\"", "\"\"")).append('"');
            }
        }
        return row.toString();
    }

    /** {@code DataTableColumns}, or the table's columns in order when none are configured. */
    private List<String> columns(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        if (settings.dataTableColumns() != null && !settings.dataTableColumns().isBlank()) {
            for (String column : settings.dataTableColumns().split(",")) {
                columns.add(column.trim());
            }
            return columns;
        }
        String table = settings.dataTableName();
        int dot = table.indexOf('.');
        String sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                + (dot < 0 ? " AND table_schema = ANY (current_schemas(false))" : " AND table_schema = ?")
                + " ORDER BY ordinal_position";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, dot < 0 ? table : table.substring(dot + 1));
            if (dot >= 0) {
                statement.setString(2, table.substring(0, dot));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("table " + table + " has no columns or does not exist");
        }
        return columns;
    }
}
