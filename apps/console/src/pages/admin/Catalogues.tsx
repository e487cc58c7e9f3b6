import { Link, Route, Routes, useParams } from 'react-router';
import { isCatalogueName } from './catalogues/catalogue-api';
import { CatalogueDetail } from './catalogues/CatalogueDetail';
import { CatalogueList } from './catalogues/CatalogueList';
import './catalogues/catalogues.css';

/** `/verwaltung/kataloge/<name>`: one catalogue; an unknown name says so instead of an empty page. */
function OneCatalogue() {
  const { name } = useParams();
  if (isCatalogueName(name)) return <CatalogueDetail key={name} name={name} />;
  return (
    <>
      <h1>Katalog nicht gefunden</h1>
      <p>
        Einen Katalog „{name}“ gibt es nicht. <Link to="..">Zu allen Katalogen</Link>
      </p>
    </>
  );
}

/** The office's catalogues: the list, and each one with its entries, editing and versions. */
export default function Catalogues() {
  return (
    <Routes>
      <Route index element={<CatalogueList />} />
      <Route path=":name" element={<OneCatalogue />} />
    </Routes>
  );
}
