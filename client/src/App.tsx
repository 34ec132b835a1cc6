import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { createFormatters } from '../../common/format.ts';
import { AppShell } from './components/AppShell.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { Loading } from './components/Loading.tsx';
import { FormatContext } from './hooks/useFormat.ts';
import { useLiveEvents } from './hooks/useLiveEvents.ts';
import { SiteContext } from './hooks/useSite.ts';
import { UserContext } from './hooks/useUser.ts';
import { AccountPage } from './pages/AccountPage.tsx';
import { AdminPage } from './pages/AdminPage.tsx';
import { AssetEditPage } from './pages/AssetEditPage.tsx';
import { AssetPage } from './pages/AssetPage.tsx';
import { AssetsPage } from './pages/AssetsPage.tsx';
import { AuditsPage } from './pages/AuditsPage.tsx';
import { BinPage } from './pages/BinPage.tsx';
import { ImportExportPage } from './pages/ImportExportPage.tsx';
import { ItemEditPage } from './pages/ItemEditPage.tsx';
import { ItemPage } from './pages/ItemPage.tsx';
import { ItemsPage } from './pages/ItemsPage.tsx';
import { LabelsPage } from './pages/LabelsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { LowStockPage } from './pages/LowStockPage.tsx';
import { MastersPage } from './pages/MastersPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PlannerPage } from './pages/PlannerPage.tsx';
import { PurchaseOrderPage } from './pages/PurchaseOrderPage.tsx';
import { PurchaseOrdersPage } from './pages/PurchaseOrdersPage.tsx';
import { SetPasswordPage } from './pages/SetPasswordPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { SetupPage } from './pages/SetupPage.tsx';
import { SupplierPage } from './pages/SupplierPage.tsx';
import { WorkOrderPage } from './pages/WorkOrderPage.tsx';
import { WorkOrdersPage } from './pages/WorkOrdersPage.tsx';
import { useTRPC } from './trpc.ts';

// three.js and the scene are large; load them only when someone opens the twin.
const TwinPage = lazy(() => import('./pages/TwinPage.tsx').then((m) => ({ default: m.TwinPage })));

// AR guidance and the marker sheet load three.js and WebXR only when opened.
const GuidePage = lazy(() => import('./pages/GuidePage.tsx').then((m) => ({ default: m.GuidePage })));
const MarkersPage = lazy(() => import('./pages/MarkersPage.tsx').then((m) => ({ default: m.MarkersPage })));

function GuideRoute() {
  return (
    <Suspense fallback={<Loading label="Loading guidance…" />}>
      <GuidePage />
    </Suspense>
  );
}

function MarkersRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the markers…" />}>
      <MarkersPage />
    </Suspense>
  );
}

// A drone audit's page draws its route in the 3D twin.
const AuditPage = lazy(() => import('./pages/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));

function AuditRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the audit…" />}>
      <AuditPage />
    </Suspense>
  );
}

// A scenario is edited in the 3D twin; load three.js only when one is opened.
const ScenarioPage = lazy(() =>
  import('./pages/ScenarioPage.tsx').then((m) => ({ default: m.ScenarioPage })),
);

function ScenarioRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the scenario…" />}>
      <ScenarioPage />
    </Suspense>
  );
}

function TwinRoute() {
  return (
    <Suspense fallback={<Loading label="Loading the 3D view…" />}>
      <TwinPage />
    </Suspense>
  );
}

/**
 * The site comes first: until its first-run setup is done every URL shows the setup page. Then who
 * is logged in decides between the login page and the app, and the URL decides the page.
 */
export function App() {
  const trpc = useTRPC();
  const site = useQuery(trpc.site.status.queryOptions(undefined, { staleTime: 10 * 60_000 }));
  const format = useMemo(() => (site.data ? createFormatters(site.data) : null), [site.data]);
  // Once known, the site stays on screen through a failed refetch (the next one will do).
  if (site.data === undefined) {
    return site.isError ? (
      <div className="splash">
        <ErrorState
          error={site.error}
          title="Twinventory is not reachable"
          onRetry={() => void site.refetch()}
        />
      </div>
    ) : (
      <Splash />
    );
  }
  return (
    <SiteContext.Provider value={site.data}>
      <FormatContext.Provider value={format}>
        {site.data.setupRequired ? <SetupPage /> : <SignedIn />}
      </FormatContext.Provider>
    </SiteContext.Provider>
  );
}

function Splash() {
  return (
    <div className="splash">
      <Loading label="Starting Twinventory…" />
    </div>
  );
}

function SignedIn() {
  const trpc = useTRPC();
  const [location] = useLocation();
  const search = useSearch();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const user = me.data ?? null;
  const linkPage = location === '/reset' || location === '/invite';
  // A link page may end this browser's own session (a reset of the same account): it is not the app.
  useLiveEvents(user !== null && !linkPage);

  if (me.isPending) return <Splash />;
  if (me.isError) {
    return (
      <div className="splash">
        <ErrorState error={me.error} title="Twinventory is not reachable" onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (location === '/login') return <LoginPage />;
  // One-time links work whoever is logged in here, or nobody.
  if (linkPage) return <SetPasswordPage purpose={location === '/invite' ? 'invite' : 'reset'} />;
  if (user === null) {
    const next = `${location}${search ? `?${search}` : ''}`;
    return <Redirect to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <UserContext.Provider value={user}>
      <AppShell>
        <Switch>
          <Route path="/" component={ItemsPage} />
          <Route path="/items/new" component={ItemEditPage} />
          <Route path="/items/:id/edit" component={ItemEditPage} />
          <Route path="/items/:id" component={ItemPage} />
          <Route path="/bins/:code" component={BinPage} />
          <Route path="/low-stock" component={LowStockPage} />
          <Route path="/purchase-orders" component={PurchaseOrdersPage} />
          <Route path="/purchase-orders/:id" component={PurchaseOrderPage} />
          <Route path="/assets" component={AssetsPage} />
          <Route path="/assets/new" component={AssetEditPage} />
          <Route path="/assets/:id/edit" component={AssetEditPage} />
          <Route path="/assets/:id" component={AssetPage} />
          <Route path="/work-orders" component={WorkOrdersPage} />
          <Route path="/work-orders/:id" component={WorkOrderPage} />
          <Route path="/twin" component={TwinRoute} />
          <Route path="/planner" component={PlannerPage} />
          <Route path="/planner/:id" component={ScenarioRoute} />
          <Route path="/audits" component={AuditsPage} />
          <Route path="/audits/:id" component={AuditRoute} />
          <Route path="/guide/markers" component={MarkersRoute} />
          <Route path="/guide" component={GuideRoute} />
          <Route path="/labels" component={LabelsPage} />
          <Route path="/io" component={ImportExportPage} />
          <Route path="/admin" component={AdminPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route path="/account" component={AccountPage} />
          <Route path="/masters">
            <Redirect to="/masters/suppliers" replace />
          </Route>
          <Route path="/masters/suppliers/new" component={SupplierPage} />
          <Route path="/masters/suppliers/:id" component={SupplierPage} />
          <Route path="/masters/:section" component={MastersPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </AppShell>
    </UserContext.Provider>
  );
}
