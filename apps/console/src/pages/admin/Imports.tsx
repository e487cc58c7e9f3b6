import { Route, Routes } from 'react-router';
import { ImportFindings } from './imports/ImportFindings';
import { ImportList } from './imports/ImportList';

/** The import history with the held imports to decide on; below it, one import's data-quality report. */
export default function Imports() {
  return (
    <Routes>
      <Route index element={<ImportList />} />
      <Route path=":importId" element={<ImportFindings />} />
    </Routes>
  );
}
