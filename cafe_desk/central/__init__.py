"""The central desk's file formats, pure (no Qt, no storage): reading a bundle into the rows it becomes, and the
synthesis as tables (CSV, XLSX) and as a REFI-QDA project (.qdpx). Their services are in services/."""
