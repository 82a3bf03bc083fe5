// A test harness: answers SPARQL queries over a Jena TDB2 folder, one per line on stdin.
// Each input line is a query in base64 (UTF-8); each output line is its SPARQL JSON
// results in base64, or "ERROR <base64 message>". The default graph is the union of
// the named graphs (tdb2:unionDefaultGraph), as plankg's endpoint queries see the plans' layers.
// Run: java -cp '/usr/share/java/*' JenaQueries.java TDB2_FOLDER
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.jena.query.*;
import org.apache.jena.sparql.resultset.ResultsFormat;
import org.apache.jena.tdb2.TDB2Factory;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.system.Txn;

public class JenaQueries {
    public static void main(String[] args) throws IOException {
        Dataset dataset = TDB2Factory.connectDataset(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "US-ASCII");
        String line;
        while ((line = in.readLine()) != null) {
            String text = new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8);
            try {
                byte[] answer = Txn.calculateRead(dataset, () -> {
                    Query query = QueryFactory.create(text);
                    try (QueryExecution exec = QueryExecution.create().query(query).dataset(dataset)
                            .set(TDB2.symUnionDefaultGraph, true).build()) {
                        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                        if (query.isAskType()) {
                            ResultSetFormatter.outputAsJSON(buffer, exec.execAsk());
                        } else {
                            ResultSetFormatter.outputAsJSON(buffer, exec.execSelect());
                        }
                        return buffer.toByteArray();
                    }
                });
                out.println(Base64.getEncoder().encodeToString(answer));
            } catch (Exception err) {
                String message = err.getClass().getSimpleName() + ": " + err.getMessage();
                out.println("ERROR " + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }
}
