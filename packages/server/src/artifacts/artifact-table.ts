/** Artifact metadata and its UTF-8 content in one row. */
export interface ArtifactTable {
  id: string;
  type: string;
  path: string;
  task_id: string;
  created_by: string;
  description: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  content: string;
  created_at: string;
}
