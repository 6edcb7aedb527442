import type { ReactNode } from 'react';
import {
  AuditOutlined, CheckSquareOutlined, DashboardOutlined, FileProtectOutlined, KeyOutlined, SettingOutlined,
  TeamOutlined, UnorderedListOutlined, UploadOutlined,
} from '@ant-design/icons';
import type { Operation } from './api/client';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { SubmitPage } from './pages/submit/SubmitPage';
import { JobsPage } from './pages/jobs/JobsPage';
import { JobPage } from './pages/jobs/JobPage';
import { ResultsPage } from './pages/results/ResultsPage';
import { ReviewPage } from './pages/review/ReviewPage';
import { ApplicationsPage } from './pages/applications/ApplicationsPage';
import { UsersPage } from './pages/users/UsersPage';
import { ConfigPage } from './pages/config/ConfigPage';
import { AuditPage } from './pages/audit/AuditPage';
import { AccountPage } from './pages/account/AccountPage';

/**
 * Every screen of the console: its route, the API operation it stands on (whose x-vitalink-roles decide who sees
 * it), and whether the menu lists it. Labels are common:nav.<key>.
 */
export interface Screen {
  key: string;
  path: string;
  operation: Operation;
  icon?: ReactNode;
  element: ReactNode;
}

export const screens: Screen[] = [
  { key: 'dashboard', path: '/', operation: 'listJobs', icon: <DashboardOutlined />, element: <DashboardPage /> },
  { key: 'submit', path: '/submit', operation: 'submitJob', icon: <UploadOutlined />, element: <SubmitPage /> },
  { key: 'jobs', path: '/jobs', operation: 'listJobs', icon: <UnorderedListOutlined />, element: <JobsPage /> },
  { key: 'job', path: '/jobs/:jobId', operation: 'getJob', element: <JobPage /> },
  { key: 'results', path: '/jobs/:jobId/results', operation: 'getJobResults', element: <ResultsPage /> },
  { key: 'review', path: '/review', operation: 'listReviewQueue', icon: <CheckSquareOutlined />, element: <ReviewPage /> },
  {
    key: 'applications', path: '/applications', operation: 'listApplications', icon: <FileProtectOutlined />,
    element: <ApplicationsPage />,
  },
  { key: 'users', path: '/admin/users', operation: 'listUsers', icon: <TeamOutlined />, element: <UsersPage /> },
  { key: 'config', path: '/admin/config', operation: 'getConfig', icon: <SettingOutlined />, element: <ConfigPage /> },
  { key: 'audit', path: '/audit', operation: 'listAuditEvents', icon: <AuditOutlined />, element: <AuditPage /> },
  { key: 'account', path: '/account', operation: 'changePassword', icon: <KeyOutlined />, element: <AccountPage /> },
];

/** Screens with an icon are in the menu. */
export const menuScreens = screens.filter((screen) => screen.icon);
