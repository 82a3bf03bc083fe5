// A test harness: validates data graphs against SHACL shapes with Jena SHACL, in one JVM.
// The argument is the shapes file, read and parsed once. Each input line is the path of a
// data graph (any RDF syntax Jena reads by the file's extension); each output line is its
// SHACL validation report as N-Triples in base64 (UTF-8), or "ERROR <base64 message>".
// At the end, the time spent reading the data graphs and validating them goes to stderr.
// Run: java -cp '/usr/share/java/*' JenaShacl.java SHAPES_FILE
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;

public class JenaShacl {
    public static void main(String[] args) throws IOException {
        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph(args[0]));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "US-ASCII");
        long reading = 0, validating = 0;
        int count = 0;
        String line;
        while ((line = in.readLine()) != null) {
            try {
                long start = System.nanoTime();
                Graph data = RDFDataMgr.loadGraph(line.trim());
                long read = System.nanoTime();
                ValidationReport report = ShaclValidator.get().validate(shapes, data);
                reading += read - start;
                validating += System.nanoTime() - read;
                count++;
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                RDFDataMgr.write(buffer, report.getGraph(), Lang.NTRIPLES);
                out.println(Base64.getEncoder().encodeToString(buffer.toByteArray()));
            } catch (Exception err) {
                String message = err.getClass().getSimpleName() + ": " + err.getMessage();
                out.println("ERROR " + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)));
            }
        }
        System.err.printf("JenaShacl: %d graphs, %.1f s reading, %.1f s validating%n", count, reading / 1e9, validating / 1e9);
    }
}
